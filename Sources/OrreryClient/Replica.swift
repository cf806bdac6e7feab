import OrreryWire

/// The client's copy of the entities in its view, kept bit-exact with the server by applying welcome,
/// event frames and resets (GAME_MODEL.md, "The motion rule"). In protocol version 2 it also holds the game's
/// schema, each entity's properties (in its record: every non-default value by ascending index), the player's
/// private state, the universe state, and the messages of the last applied frame. No I/O and no clock.
public struct Replica: Sendable {
    /// Parameters of the current session (from the latest welcome); nil before the first welcome.
    public private(set) var session: Welcome?
    /// The tick whose state the replica holds.
    public private(set) var tick: UInt64 = 0
    /// Seq of the last applied frame or reset (the welcome's first seq - 1 before any).
    public private(set) var lastSeq: UInt64 = 0
    /// The entity the player controls (0 = none).
    public private(set) var avatarId: UInt32 = 0
    /// The last input seq the server reported applied.
    public private(set) var lastInputSeq: UInt32 = 0
    /// Every entity in view at `tick`, by id.
    public private(set) var entities: [UInt32: EntityRecord] = [:]
    /// True after a resume the server could not continue: the next message must be a reset.
    public private(set) var awaitingReset = false
    /// Version 2: the game's schema (from the schema message after the welcome); nil in version 1.
    public private(set) var schema: SchemaMessage?
    /// Version 2: the player's private state, one value per `schema.playerProperties` (defaults until told).
    public private(set) var playerState: [WireValue] = []
    /// Version 2: the universe state, one value per `schema.universeProperties` (defaults until told).
    public private(set) var universeState: [WireValue] = []
    /// Version 2: the game messages of the last applied frame, in the order sent (a reset carries none).
    public private(set) var messages: [WireGameMessage] = []
    /// Per-frame validation scratch (id → present after the events so far), kept to reuse its storage.
    private var scratch: [UInt32: Bool] = [:]

    /// An empty replica with no session.
    public init() {}

    /// The seq the next frame or reset must carry.
    public var expectedSeq: UInt64 { lastSeq &+ 1 }

    /// The entity with this id at `tick`, if in view.
    public func entity(_ id: UInt32) -> EntityRecord? {
        entities[id]
    }

    /// The dialect the session's messages decode with: version 2 with the schema once it arrived.
    public var dialect: WireDialect {
        schema.map { WireDialect(schema: $0) } ?? .v1
    }

    /// The value of entity property `index` of entity `id` (the default when not listed), nil when the entity
    /// is not in view or the schema has no such property.
    public func property(_ index: UInt8, of id: UInt32) -> WireValue? {
        guard let record = entities[id], let spec = schema?.entityProperties.dropFirst(Int(index)).first else {
            return nil
        }
        return record.properties.first { $0.index == index }?.value ?? .defaultValue(of: spec.type)
    }

    /// Takes the game's schema (right after a version-2 welcome): every private and universe value starts at its
    /// default. A resume's schema is the same and keeps the state.
    public mutating func apply(_ schema: SchemaMessage) {
        guard schema != self.schema else { return }
        self.schema = schema
        playerState = schema.playerProperties.map { .defaultValue(of: $0.type) }
        universeState = schema.universeProperties.map { .defaultValue(of: $0.type) }
    }

    /// Starts a new session after a join: forgets everything and waits for seq `welcome.firstSeq`.
    public mutating func begin(_ welcome: Welcome) {
        session = welcome
        tick = welcome.currentTick
        lastSeq = welcome.firstSeq &- 1
        avatarId = welcome.avatarId
        lastInputSeq = 0
        entities.removeAll(keepingCapacity: true)
        awaitingReset = false
        schema = nil
        playerState.removeAll()
        universeState.removeAll()
        messages.removeAll()
    }

    /// Continues the session after a resume. If the server continues at `expectedSeq` the state is kept and
    /// replayed frames follow; otherwise the state is kept for display until the reset the server must send.
    public mutating func resume(_ welcome: Welcome) {
        guard session != nil else {
            begin(welcome)
            return
        }
        session = welcome
        if welcome.firstSeq != expectedSeq {
            awaitingReset = true
            lastSeq = welcome.firstSeq &- 1
        }
    }

    /// Advances to the frame's tick by the motion rule, then applies its events in order.
    public mutating func apply(_ frame: EventFrame) throws(ReplicaError) {
        try checkOrder(seq: frame.seq, tick: frame.tick)
        guard !awaitingReset else { throw .resetRequired(seq: frame.seq) }
        try validateEvents(frame.events)
        let k = frame.tick - tick
        if k > 0 {
            for index in entities.values.indices {
                entities.values[index] = entities.values[index].advanced(byTicks: k)
            }
        }
        messages.removeAll(keepingCapacity: true)
        for event in frame.events {
            switch event {
            case .appeared(let record): entities[record.id] = record
            case .changed(let motion): entities[motion.id] = entities[motion.id]?.applying(motion)
            case .disappeared(let id), .destroyed(let id, _): entities[id] = nil
            case .avatar(let id): avatarId = id
            case .properties(let id, let values):
                if let list = entities[id]?.properties {
                    entities[id]?.properties = Self.merging(values, into: list)
                }
            case .playerState(let values): Self.assign(values, to: &playerState)
            case .universeState(let values): Self.assign(values, to: &universeState)
            case .message(let message): messages.append(message)
            }
        }
        tick = frame.tick
        lastSeq = frame.seq
        lastInputSeq = frame.lastInputSeq
    }

    /// Replaces the whole replica with the reset's state.
    public mutating func apply(_ reset: ResetFrame) throws(ReplicaError) {
        try checkOrder(seq: reset.seq, tick: reset.tick)
        scratch.removeAll(keepingCapacity: true)
        for record in reset.entities {
            guard scratch.updateValue(true, forKey: record.id) == nil else { throw .duplicateEntity(id: record.id) }
        }
        try checkValues(reset.playerState, .player)
        try checkValues(reset.universeState, .universe)
        for record in reset.entities {
            try checkValues(record.properties, .entity)
        }
        entities.removeAll(keepingCapacity: true)
        for record in reset.entities {
            entities[record.id] = record
        }
        if let schema {
            playerState = schema.playerProperties.map { .defaultValue(of: $0.type) }
            universeState = schema.universeProperties.map { .defaultValue(of: $0.type) }
        }
        Self.assign(reset.playerState, to: &playerState)
        Self.assign(reset.universeState, to: &universeState)
        messages.removeAll(keepingCapacity: true)
        tick = reset.tick
        lastSeq = reset.seq
        avatarId = reset.avatarId
        lastInputSeq = reset.lastInputSeq
        awaitingReset = false
    }

    private func checkOrder(seq: UInt64, tick frameTick: UInt64) throws(ReplicaError) {
        guard session != nil else { throw .noSession }
        guard seq == expectedSeq else { throw .sequenceGap(expected: expectedSeq, received: seq) }
        guard frameTick >= tick else { throw .tickWentBackwards(replicaTick: tick, frameTick: frameTick) }
    }

    /// Checks that every changed/disappeared/destroyed/properties event names an entity present at that point,
    /// and that every value matches the schema.
    private mutating func validateEvents(_ events: [WireEvent]) throws(ReplicaError) {
        scratch.removeAll(keepingCapacity: true)
        for event in events {
            switch event {
            case .appeared(let record):
                try checkValues(record.properties, .entity)
                scratch[record.id] = true
            case .changed(let motion):
                guard scratch[motion.id] ?? (entities[motion.id] != nil) else { throw .unknownEntity(id: motion.id) }
            case .disappeared(let id), .destroyed(let id, _):
                guard scratch[id] ?? (entities[id] != nil) else { throw .unknownEntity(id: id) }
                scratch[id] = false
            case .avatar: break
            case .properties(let id, let values):
                guard scratch[id] ?? (entities[id] != nil) else { throw .unknownEntity(id: id) }
                try checkValues(values, .entity)
            case .playerState(let values):
                guard session?.playerId != 0 else { throw .privateStateForSpectator }
                try checkValues(values, .player)
            case .universeState(let values): try checkValues(values, .universe)
            case .message(let message):
                guard let schema, Int(message.code) < schema.messages.count else {
                    throw .unknownMessageCode(message.code)
                }
            }
        }
    }

    /// Every value names a property of the scope in the schema and has its declared type and length.
    private func checkValues(_ values: [WireProperty], _ scope: WirePropertyScope) throws(ReplicaError) {
        guard !values.isEmpty else { return }
        let specs = schema?.properties(scope) ?? []
        for property in values {
            guard Int(property.index) < specs.count else { throw .invalidProperty(index: property.index) }
            let spec = specs[Int(property.index)]
            let length: Int
            switch property.value {
            case .int: length = 0
            case .string(let text): length = text.utf8.count
            case .bytes(let bytes): length = bytes.count
            }
            guard property.value.type == spec.type, length <= Int(spec.maxLength) else {
                throw .invalidProperty(index: property.index)
            }
        }
    }

    /// Sets each listed value of a dense state array.
    private static func assign(_ values: [WireProperty], to state: inout [WireValue]) {
        for property in values where Int(property.index) < state.count {
            state[Int(property.index)] = property.value
        }
    }

    /// A record's property list after `changes`: ascending indexes, defaults left out (as the server lists them).
    static func merging(_ changes: [WireProperty], into list: [WireProperty]) -> [WireProperty] {
        var merged = list
        for change in changes {
            let position = merged.firstIndex { $0.index >= change.index } ?? merged.endIndex
            let present = position < merged.endIndex && merged[position].index == change.index
            switch (present, change.value.isDefault) {
            case (true, true): merged.remove(at: position)
            case (true, false): merged[position] = change
            case (false, false): merged.insert(change, at: position)
            case (false, true): break
            }
        }
        return merged
    }
}
