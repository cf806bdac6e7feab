import OrreryWorld
import Synchronization

/// The server's truth for the latest ticks of one universe, for tests that prove replicas exact over the network
/// (`orrery serve --debug-truth`, `GET /debug/universes/{name}/truth`). Off by default: when on, every tick copies
/// the whole world and every observer's visible ids under a mutex.
public final class TruthLog: Sendable {
    /// The truth at one tick.
    public struct Record: Sendable, Equatable {
        /// The tick (the state after that tick's step).
        public let tick: UInt64
        /// Every live entity, ascending id.
        public let entities: [EntityState]
        /// Each observer's visible ids, by observer id.
        public let views: [UInt32: [UInt32]]
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
        let record = Record(tick: universe.tick, entities: entities, views: views)
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
    /// "vy":..,"heading":..,"radius":..,"owner":..},...]}`, limited to what `observer` sees when given (plus
    /// `"observer"` and `"visible"`, its visible ids).
    public static func json(_ record: Record, universe: String, observer: UInt32? = nil) -> String? {
        var entities = record.entities
        var text = "{\"universe\":\"\(universe)\",\"tick\":\(record.tick)"
        if let observer {
            guard let visible = record.views[observer] else { return nil }
            let wanted = Set(visible)
            entities = entities.filter { wanted.contains($0.id) }
            text += ",\"observer\":\(observer),\"visible\":[" + visible.map(String.init).joined(separator: ",") + "]"
        }
        text += ",\"entities\":["
        for (index, entity) in entities.enumerated() {
            if index > 0 { text += "," }
            text += "{\"id\":\(entity.id),\"kind\":\(entity.kind),\"x\":\(entity.x),\"y\":\(entity.y),"
            text += "\"vx\":\(entity.vx),\"vy\":\(entity.vy),\"heading\":\(entity.heading),"
            text += "\"radius\":\(entity.radius),\"owner\":\(entity.owner)}"
        }
        return text + "]}"
    }
}
