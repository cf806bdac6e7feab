/// Snapshots: the whole universe as bytes, and a universe restored from them that continues exactly as the
/// original would have.
///
/// A snapshot holds the configuration, the tick, the generator, the id counters, every entity with its timers,
/// data word and properties, every player with its identity, avatar, pending input, seqs and private state, the
/// universe state, every observer with its view and what it currently sees, the queued commands and the rules'
/// own state (`GameRules.saveState(into:)`). Take it between ticks, right after `step()` (before the joins,
/// leaves and spectator changes of the next tick; inputs and commands may already be queued).
extension Universe {
    /// The version of the snapshot layout written by `saveSnapshot(into:)`.
    public static let snapshotVersion: UInt16 = 1

    /// Appends a snapshot of the universe to `writer`.
    public func saveSnapshot(into writer: inout StateWriter) {
        precondition(world.pendingDestroyed.isEmpty && world.avatarLosses.isEmpty && world.outbox.isEmpty,
                     "a snapshot is taken between ticks, right after step()")
        writer.write(Universe.snapshotVersion)
        Universe.write(config, into: &writer)
        let schema = world.schema
        writer.write(schema.game)
        writer.write(UInt8(schema.entityProperties.count))
        writer.write(UInt8(schema.playerProperties.count))
        writer.write(UInt8(schema.universeProperties.count))
        writer.write(world.tick)
        writer.write(world.nextEntityID)
        writer.write(world.maxRadius)
        let words = world.generator.words
        for word in [words.0, words.1, words.2, words.3] { writer.write(word) }
        writer.write(nextObserverID)
        writeEntities(into: &writer)
        writePlayers(into: &writer)
        for value in world.universeValues { writer.write(value) }
        writeObservers(into: &writer)
        writer.write(UInt32(pendingCommands.count))
        for entry in pendingCommands {
            writer.write(entry.player)
            writer.write(entry.command.kind.code)
            writer.write(entry.command.payload)
        }
        var rulesState = StateWriter()
        rules.saveState(into: &rulesState)
        writer.write(rulesState.bytes)
    }

    /// A snapshot of the universe as bytes.
    public func snapshot() -> [UInt8] {
        var writer = StateWriter(capacity: 64 + world.store.count * 48)
        saveSnapshot(into: &writer)
        return writer.bytes
    }

    /// Restores a universe from a snapshot read from `reader`, with `rules` built the way the original's were
    /// (same game, same settings): their `restoreState(from:)` receives the rules' saved state and `setUp` is not
    /// called. Throws when the snapshot is damaged or belongs to another game or schema.
    public init(restoring reader: inout StateReader, rules: any GameRules) throws(StateError) {
        let start = reader.offset
        let version = try reader.read(UInt16.self)
        guard version == Universe.snapshotVersion else {
            throw .invalid("snapshot version \(version), expected \(Universe.snapshotVersion)", offset: start)
        }
        let config = try Universe.readConfig(from: &reader)
        do {
            try self.init(config: config, rules: rules, settingUp: false)
        } catch {
            throw .mismatch("\(error)")
        }
        let schema = world.schema
        let game = try reader.read(String.self)
        let counts = [try reader.read(UInt8.self), try reader.read(UInt8.self), try reader.read(UInt8.self)]
        let expected = [schema.entityProperties.count, schema.playerProperties.count,
                        schema.universeProperties.count].map(UInt8.init)
        guard game == schema.game, counts == expected else {
            throw .mismatch("snapshot of game \(game) with \(counts) properties, rules of \(schema.game) with "
                            + "\(expected)")
        }
        world.tick = try reader.read(UInt64.self)
        world.nextEntityID = try reader.read(UInt32.self)
        world.maxRadius = try reader.read(Int32.self)
        world.generator = SeededGenerator(words: (try reader.read(UInt64.self), try reader.read(UInt64.self),
                                                  try reader.read(UInt64.self), try reader.read(UInt64.self)))
        nextObserverID = try reader.read(UInt32.self)
        try readEntities(from: &reader)
        try readPlayers(from: &reader)
        for index in world.universeValues.indices {
            world.universeValues[index] = try Universe.readValue(from: &reader,
                                                                 type: schema.universeProperties[index].type)
        }
        try readObservers(from: &reader)
        viewCompactions = world.store.compactions
        let commandCount = try Universe.readCount(from: &reader, atMost: reader.remaining / 9)
        for _ in 0..<commandCount {
            let player = try reader.read(UInt32.self)
            let code = try reader.read(UInt8.self)
            let payload = try reader.read([UInt8].self, maximumCount: schema.commandMaxBytes)
            pendingCommands.append((player, GameCommand(kind: CommandKind(code: code), payload: payload)))
        }
        var rulesReader = StateReader(try reader.read([UInt8].self))
        try self.rules.restoreState(from: &rulesReader)
        try rulesReader.finish()
        world.rebuildGrid()
    }

    /// Restores a universe from the bytes of `snapshot()` (which must hold nothing else).
    public init(restoring snapshot: [UInt8], rules: any GameRules) throws(StateError) {
        var reader = StateReader(snapshot)
        try self.init(restoring: &reader, rules: rules)
        try reader.finish()
    }

    private func writeEntities(into writer: inout StateWriter) {
        let store = world.store
        writer.write(UInt32(store.count))
        for slot in 0..<store.count {
            let record = store[slot]
            let state = record.state
            writer.write(state.id)
            writer.write(state.kind)
            for value in [state.x, state.y, state.vx, state.vy] { writer.write(value) }
            writer.write(state.heading)
            writer.write(state.radius)
            writer.write(state.owner)
            writer.write(record.expiresAt)
            writer.write(record.wakeAt)
            writer.write(record.userData)
            writer.write(record.avatarOf)
            for value in store.properties(slot: slot) { writer.write(value) }
        }
    }

    private mutating func readEntities(from reader: inout StateReader) throws(StateError) {
        let types = world.schema.entityProperties.map(\.type)
        let count = try Universe.readCount(from: &reader, atMost: reader.remaining / 59)
        var records: [EntityRecord] = []
        var values: [PropertyValue] = []
        records.reserveCapacity(count)
        values.reserveCapacity(count * types.count)
        for _ in 0..<count {
            let start = reader.offset
            let state = EntityState(id: try reader.read(), kind: try reader.read(), x: try reader.read(),
                                    y: try reader.read(), vx: try reader.read(), vy: try reader.read(),
                                    heading: try reader.read(), radius: try reader.read(), owner: try reader.read())
            guard state.id != 0, state.id < world.nextEntityID, records.last.map({ $0.state.id < state.id }) ?? true,
                  (0..<world.width).contains(state.x), (0..<world.height).contains(state.y), state.radius >= 0 else {
                throw .invalid("entity \(state.id) out of order or outside the world", offset: start)
            }
            records.append(EntityRecord(state: state, expiresAt: try reader.read(), wakeAt: try reader.read(),
                                        userData: try reader.read(), avatarOf: try reader.read(), flags: 0))
            for type in types { values.append(try Universe.readValue(from: &reader, type: type)) }
        }
        world.store.restore(records: records, propertyValues: values)
    }

    private func writePlayers(into writer: inout StateWriter) {
        let players = world.players
        writer.write(UInt32(players.records.count))
        for index in players.records.indices {
            let record = players[index]
            writer.write(record.id)
            writer.write(record.avatar)
            writer.write(record.lastAppliedSeq)
            writer.write(record.lastReceivedSeq)
            writer.write(record.pending != nil)
            if let input = record.pending {
                writer.write(input.seq)
                writer.write(input.heading)
                writer.write(input.throttle)
                writer.write(input.actions)
                writer.write(input.payload)
            }
            let game = players[game: index]
            writer.write(game.identity.account)
            writer.write(game.identity.name)
            for value in game.values { writer.write(value) }
        }
    }

    private mutating func readPlayers(from reader: inout StateReader) throws(StateError) {
        let types = world.schema.playerProperties.map(\.type)
        let count = try Universe.readCount(from: &reader, atMost: reader.remaining / 15)
        for _ in 0..<count {
            let start = reader.offset
            var record = PlayerRecord(id: try reader.read())
            guard record.id != 0, record.id < nextObserverID,
                  world.players.records.last.map({ $0.id < record.id }) ?? true else {
                throw .invalid("player \(record.id) out of order", offset: start)
            }
            record.avatar = try reader.read()
            record.lastAppliedSeq = try reader.read()
            record.lastReceivedSeq = try reader.read(UInt32?.self)
            if try reader.read(Bool.self) {
                record.pending = PlayerInput(seq: try reader.read(), heading: try reader.read(),
                                             throttle: try reader.read(), actions: try reader.read(),
                                             payload: try reader.read(
                                                [UInt8].self, maximumCount: world.schema.inputPayloadMaxBytes))
            }
            let identity = PlayerIdentity(account: try reader.read(UInt32?.self), name: try reader.read(String?.self))
            var values: [PropertyValue] = []
            for type in types { values.append(try Universe.readValue(from: &reader, type: type)) }
            world.players.restore(record, identity: identity, state: values)
        }
    }

    private func writeObservers(into writer: inout StateWriter) {
        writer.write(UInt32(observers.count))
        for observer in observers {
            writer.write(observer.id)
            switch observer.spectatorView {
            case nil:
                writer.write(UInt8(0))
            case .wholeWorld:
                writer.write(UInt8(1))
            case .rectangle(let minX, let minY, let maxX, let maxY):
                writer.write(UInt8(2))
                for value in [minX, minY, maxX, maxY] { writer.write(value) }
            }
            writer.write(observer.centreX)
            writer.write(observer.centreY)
            writer.write(observer.reportedAvatar)
            writer.write(observer.needsFullState)
            writer.write(UInt32(observer.visible.count))
            for id in observer.visible { writer.write(id) }
        }
    }

    private mutating func readObservers(from reader: inout StateReader) throws(StateError) {
        let count = try Universe.readCount(from: &reader, atMost: reader.remaining / 19)
        for _ in 0..<count {
            let start = reader.offset
            let id = try reader.read(UInt32.self)
            guard id != 0, id < nextObserverID, observers.last.map({ $0.id < id }) ?? true else {
                throw .invalid("observer \(id) out of order", offset: start)
            }
            let viewStart = reader.offset
            let view: SpectatorView?
            switch try reader.read(UInt8.self) {
            case 0: view = nil
            case 1: view = .wholeWorld
            case 2: view = .rectangle(minX: try reader.read(), minY: try reader.read(), maxX: try reader.read(),
                                      maxY: try reader.read())
            case let tag: throw .invalid("spectator view tag \(tag)", offset: viewStart)
            }
            guard (view == nil) == (world.players.index(of: id) != nil) else {
                throw .invalid("observer \(id) is a player without a player record or the reverse", offset: start)
            }
            var record = ObserverRecord(id: id, spectatorView: view, centreX: try reader.read(),
                                        centreY: try reader.read())
            record.reportedAvatar = try reader.read(UInt32?.self)
            record.needsFullState = try reader.read(Bool.self)
            let visibleCount = try Universe.readCount(from: &reader, atMost: reader.remaining / 4)
            record.visible.reserveCapacity(visibleCount)
            for _ in 0..<visibleCount { record.visible.append(try reader.read()) }
            record.visibleSlots = record.visible.map { Int32(world.store.liveSlot(of: $0) ?? -1) }
            observers.append(record)
        }
    }

    static func write(_ config: UniverseConfig, into writer: inout StateWriter) {
        writer.write(config.width)
        writer.write(config.height)
        writer.write(Int64(config.tickRate))
        writer.write(config.viewRadius)
        writer.write(config.hysteresis)
        writer.write(config.cellSize)
        writer.write(config.seed)
    }

    static func readConfig(from reader: inout StateReader) throws(StateError) -> UniverseConfig {
        let start = reader.offset
        let config = UniverseConfig(width: try reader.read(), height: try reader.read(),
                                    tickRate: Int(truncatingIfNeeded: try reader.read(Int64.self)),
                                    viewRadius: try reader.read(), hysteresis: try reader.read(),
                                    cellSize: try reader.read(Int32?.self), seed: try reader.read())
        do {
            try config.validate()
        } catch {
            throw .invalid("\(error)", offset: start)
        }
        return config
    }

    /// Reads a count and refuses one larger than `limit` (what the remaining bytes could hold at the smallest
    /// item size), so a damaged count cannot make a reader reserve gigabytes.
    static func readCount(from reader: inout StateReader, atMost limit: Int) throws(StateError) -> Int {
        let start = reader.offset
        let count = Int(try reader.read(UInt32.self))
        guard count <= limit else { throw .invalid("a count of \(count) larger than the data", offset: start) }
        return count
    }

    static func readValue(from reader: inout StateReader, type: PropertyType) throws(StateError) -> PropertyValue {
        let start = reader.offset
        let value = try reader.read(PropertyValue.self)
        guard type.accepts(value) else { throw .invalid("a property value not of its declared type", offset: start) }
        return value
    }
}
