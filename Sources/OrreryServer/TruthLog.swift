import OrreryWorld
import Synchronization

/// The server's truth for the latest ticks of one universe, for tests that prove replicas exact over the network
/// (`orrery serve --debug-truth`, `GET /debug/universes/{name}/truth`). Off by default: when on, every tick copies
/// the whole world (with the game's properties, every player's private state and the universe state) and every
/// observer's visible ids under a mutex.
public final class TruthLog: Sendable {
    /// The truth at one tick.
    public struct Record: Sendable, Equatable {
        /// The tick (the state after that tick's step).
        public let tick: UInt64
        /// Every live entity, ascending id.
        public let entities: [EntityState]
        /// Each observer's visible ids, by observer id.
        public let views: [UInt32: [UInt32]]
        /// Each entity's properties (`entityProperties[i]` belongs to `entities[i]`), indexed like the schema's
        /// entity properties; empty arrays for a game without any.
        public let entityProperties: [[PropertyValue]]
        /// Each player's private state, by player id.
        public let playerStates: [UInt32: [PropertyValue]]
        /// The universe state.
        public let universeState: [PropertyValue]
        /// The observer ids of the spectators (the other observers are players).
        public let spectators: [UInt32]
        /// Each player's last applied input seq, by player id (what a frame of this tick acknowledges).
        public let lastInputs: [UInt32: UInt32]
        /// The game's schema (names for the JSON form).
        public let schema: GameSchema
    }

    /// Ticks kept.
    public let capacity: Int
    private let records: Mutex<[Record]>

    /// A log keeping the latest `capacity` ticks.
    public init(capacity: Int) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
        records = Mutex([])
    }

    /// Records the universe's state at its current tick.
    public func record(_ universe: Universe) {
        var entities: [EntityState] = []
        entities.reserveCapacity(universe.world.entityCount)
        universe.world.forEachEntity { entities.append($0) }
        entities.sort { $0.id < $1.id }
        var views: [UInt32: [UInt32]] = [:]
        for observer in universe.observerIDs {
            views[observer] = universe.visibleEntityIDs(of: observer) ?? []
        }
        let schema = universe.schema
        let entityProperties = entities.map { entity in
            schema.entityProperties.indices.map { index in
                universe.property(EntityProperty(index: UInt8(index)), of: entity.id) ?? .int(0)
            }
        }
        var playerStates: [UInt32: [PropertyValue]] = [:]
        for player in universe.playerIDs {
            playerStates[player] = schema.playerProperties.indices.map { index in
                universe.playerState(PlayerProperty(index: UInt8(index)), of: player) ?? .int(0)
            }
        }
        let universeState = schema.universeProperties.indices.map { index in
            universe.universeState(UniverseProperty(index: UInt8(index))) ?? .int(0)
        }
        let record = Record(tick: universe.tick, entities: entities, views: views, entityProperties: entityProperties,
                            playerStates: playerStates, universeState: universeState,
                            spectators: universe.observerIDs.filter { universe.isSpectator($0) == true },
                            lastInputs: Dictionary(uniqueKeysWithValues: universe.playerIDs.map {
                                ($0, universe.lastAppliedInputSeq(of: $0) ?? 0)
                            }),
                            schema: schema)
        records.withLock { records in
            if records.count >= capacity { records.removeFirst(records.count - capacity + 1) }
            records.append(record)
        }
    }

    /// The record of `tick` (the newest when nil), if kept.
    public func record(at tick: UInt64?) -> Record? {
        records.withLock { records in
            guard let tick else { return records.last }
            guard let first = records.first, tick >= first.tick, tick - first.tick < UInt64(records.count) else {
                return nil
            }
            let record = records[Int(tick - first.tick)]
            return record.tick == tick ? record : records.first { $0.tick == tick }
        }
    }

    /// The oldest and newest ticks kept.
    public var range: ClosedRange<UInt64>? {
        records.withLock { records in
            guard let first = records.first, let last = records.last else { return nil }
            return first.tick...last.tick
        }
    }

    /// The JSON body of a record: `{"universe":..,"tick":..,"entities":[{"id":..,"kind":..,"x":..,"y":..,"vx":..,
    /// "vy":..,"heading":..,"radius":..,"owner":..,"properties":{NAME:VALUE,...}},...],"universeState":{...}}`.
    /// Without `observer` it also lists the observer ids in `"players"` and `"spectators"`. `observer` is an
    /// observer id, not an entity id: a player's id (its welcome's `player`) or a spectator's id (its welcome says
    /// `player` 0, so look it up in `"spectators"`). With `observer` the body is limited to what it sees, with
    /// `"observer"`, `"visible"` (its visible ids) and, for a player, `"playerState"` (its own private state; never
    /// another's) and `"lastInput"` (its last applied input seq). Ints are numbers, strings JSON strings, bytes
    /// lowercase hex strings. Nil for an observer unknown at that tick.
    public static func json(_ record: Record, universe: String, observer: UInt32? = nil) -> String? {
        var positions = Array(record.entities.indices)
        var text = "{\"universe\":\"\(universe)\",\"tick\":\(record.tick)"
        if let observer {
            guard let visible = record.views[observer] else { return nil }
            let wanted = Set(visible)
            positions = positions.filter { wanted.contains(record.entities[$0].id) }
            text += ",\"observer\":\(observer),\"visible\":[" + visible.map(String.init).joined(separator: ",") + "]"
            if let state = record.playerStates[observer] {
                text += ",\"playerState\":" + object(record.schema.playerProperties, state)
            }
            if let seq = record.lastInputs[observer] { text += ",\"lastInput\":\(seq)" }
        } else {
            let players = record.playerStates.keys.sorted()
            text += ",\"players\":[" + players.map(String.init).joined(separator: ",") + "],\"spectators\":["
                + record.spectators.map(String.init).joined(separator: ",") + "]"
        }
        text += ",\"entities\":["
        for (count, position) in positions.enumerated() {
            let entity = record.entities[position]
            if count > 0 { text += "," }
            text += "{\"id\":\(entity.id),\"kind\":\(entity.kind),\"x\":\(entity.x),\"y\":\(entity.y),"
            text += "\"vx\":\(entity.vx),\"vy\":\(entity.vy),\"heading\":\(entity.heading),"
            text += "\"radius\":\(entity.radius),\"owner\":\(entity.owner),\"properties\":"
            text += object(record.schema.entityProperties, record.entityProperties[position]) + "}"
        }
        return text + "],\"universeState\":" + object(record.schema.universeProperties, record.universeState) + "}"
    }

    /// `{"name":value,...}` for a scope's values.
    private static func object(_ specs: [PropertySpec], _ values: [PropertyValue]) -> String {
        var text = "{"
        for (index, (spec, value)) in zip(specs, values).enumerated() {
            if index > 0 { text += "," }
            text += quoted(spec.name) + ":"
            switch value {
            case .int(let number): text += "\(number)"
            case .string(let string): text += quoted(string)
            case .bytes(let bytes): text += "\"" + bytes.map { String($0, radix: 16).leftPadded() }.joined() + "\""
            }
        }
        return text + "}"
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`.
    private static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20:
                text += "\\u00" + String(scalar.value, radix: 16).leftPadded()
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}

extension String {
    /// Two hex digits: a leading zero for a single one.
    fileprivate func leftPadded() -> String {
        count < 2 ? "0" + self : self
    }
}
