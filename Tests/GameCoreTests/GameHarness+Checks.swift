import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld

extension GameHarness {
    /// Checks that every session's replica, advanced to the universe's tick by the motion rule (a copy, so ticks
    /// with no frame count too), holds exactly the entities the observer sees, each equal to the truth field by
    /// field, and that the avatar and the last applied input seq match.
    mutating func verifyReplicas() {
        let tick = universe.tick
        for (observer, session) in sessions.sorted(by: { $0.key < $1.key }) {
            let replica = session.replica
            guard let visible = universe.visibleEntityIDs(of: observer) else {
                fail("observer \(observer) unknown to the universe")
                continue
            }
            if replica.entities.count != visible.count {
                fail("tick \(tick) observer \(observer): replica holds \(replica.entities.count), sees \(visible.count)")
            }
            let elapsed = tick - replica.tick
            for id in visible {
                comparisons += 1
                guard let truth = universe.entity(id) else {
                    fail("tick \(tick): visible entity \(id) does not exist")
                    continue
                }
                guard let record = replica.entity(id)?.advanced(byTicks: elapsed), Self.matches(record, truth) else {
                    fail("tick \(tick) observer \(observer): entity \(id) is \(String(describing: replica.entity(id)))"
                         + " advanced \(elapsed), truth \(truth)")
                    continue
                }
            }
            let isSpectator = universe.isSpectator(observer) ?? true
            if session.dialect.isV2 { verifyState(observer, replica, visible: visible, isSpectator: isSpectator) }
            let avatar = isSpectator ? 0 : universe.avatar(of: observer) ?? 0
            let acked = isSpectator ? 0 : universe.lastAppliedInputSeq(of: observer) ?? 0
            if replica.avatarId != avatar { fail("tick \(tick) observer \(observer): avatar \(replica.avatarId)") }
            if replica.lastInputSeq != acked {
                fail("tick \(tick) observer \(observer): acked input \(replica.lastInputSeq), truth \(acked)")
            }
        }
    }

    /// Checks that a decoded frame mentions nothing beyond the observer's view at this tick: appeared within the
    /// enter boundary, changed and destroyed within the leave boundary, disappeared only for an entity the
    /// replica already held and that is now (or died) beyond the leave boundary.
    mutating func checkInterest(_ frame: EventFrame, observer: UInt32, replica: Replica) {
        let boundary = InterestBoundary(universe: universe, observer: observer)
        var died: [UInt32: EntityState] = [:]
        for record in universe.destroyedLastTick { died[record.state.id] = record.state }
        for event in frame.events {
            switch event {
            case .avatar, .playerState, .universeState, .message:
                continue
            case .properties(let id, _):
                if replica.entity(id) == nil { fail("observer \(observer) told properties of unseen entity \(id)") }
            case .appeared(let record):
                if !boundary.isInsideEnter(record.x, record.y) { fail("observer \(observer) told of far \(record)") }
            case .changed(let motion):
                if !boundary.isInsideLeave(motion.x, motion.y) { fail("observer \(observer) told of far \(motion)") }
            case .destroyed(let id, _):
                guard let state = died[id] else {
                    fail("observer \(observer): destroyed \(id) did not die this tick")
                    continue
                }
                if !boundary.isInsideLeave(state.x, state.y) { fail("observer \(observer): far destruction \(id)") }
            case .disappeared(let id):
                if replica.entity(id) == nil { fail("observer \(observer): disappeared \(id) was never seen") }
                guard let state = universe.entity(id) ?? died[id] else {
                    fail("observer \(observer): disappeared \(id) is unknown")
                    continue
                }
                if boundary.isInsideLeave(state.x, state.y) { fail("observer \(observer): \(id) disappeared inside") }
            }
        }
    }

    /// Version 2: every entity property of every seen entity, the private state (a spectator's stays at the
    /// defaults: it is never sent one) and the universe state equal the truth, value by value.
    private mutating func verifyState(_ observer: UInt32, _ replica: Replica, visible: [UInt32], isSpectator: Bool) {
        let schema = universe.schema
        let tick = universe.tick
        for id in visible {
            for index in schema.entityProperties.indices {
                let key = EntityProperty(index: UInt8(index))
                stateComparisons += 1
                if !Self.same(replica.property(key.index, of: id), universe.property(key, of: id)) {
                    fail("tick \(tick) observer \(observer): entity \(id) property \(index) is"
                         + " \(String(describing: replica.property(key.index, of: id))), truth"
                         + " \(String(describing: universe.property(key, of: id)))")
                }
            }
        }
        for (index, spec) in schema.playerProperties.enumerated() {
            stateComparisons += 1
            let truth = isSpectator ? spec.type.defaultValue
                : universe.playerState(PlayerProperty(index: UInt8(index)), of: observer)
            if replica.playerState.count != schema.playerProperties.count || !Self.same(replica.playerState[index], truth) {
                fail("tick \(tick) observer \(observer): private property \(index) differs")
            }
        }
        for index in schema.universeProperties.indices {
            stateComparisons += 1
            let truth = universe.universeState(UniverseProperty(index: UInt8(index)))
            if replica.universeState.count != schema.universeProperties.count
                || !Self.same(replica.universeState[index], truth) {
                fail("tick \(tick) observer \(observer): universe property \(index) differs")
            }
        }
    }

    /// Whether a replica's value equals a world value (independent of the mapping under test).
    static func same(_ wire: WireValue?, _ world: PropertyValue?) -> Bool {
        switch (wire, world) {
        case (.int(let a)?, .int(let b)?): a == b
        case (.string(let a)?, .string(let b)?): a == b
        case (.bytes(let a)?, .bytes(let b)?): a == b
        default: false
        }
    }

    /// Whether a wire record equals a world state, field by field (independent of the mapping under test).
    static func matches(_ record: OrreryWire.EntityRecord, _ state: EntityState) -> Bool {
        record.id == state.id && record.kind == state.kind && record.x == state.x && record.y == state.y
            && record.vx == state.vx && record.vy == state.vy && record.heading == state.heading
            && record.radius == state.radius && record.owner == state.owner
    }
}

/// An observer's view boundaries at the current tick, computed from the universe's public truth.
struct InterestBoundary {
    private enum Shape {
        case circle(x: Int64, y: Int64)
        case rectangle(minX: Int64, minY: Int64, maxX: Int64, maxY: Int64)
        case whole
    }

    private let shape: Shape
    private let enter: Int64
    private let leave: Int64
    private let margin: Int64

    init(universe: Universe, observer: UInt32) {
        enter = Int64(universe.config.viewRadius)
        leave = Int64(universe.config.leaveRadius)
        margin = Int64(universe.config.hysteresis)
        if let centre = universe.viewCentre(of: observer) {
            shape = .circle(x: Int64(centre.x), y: Int64(centre.y))
        } else if case .rectangle(let minX, let minY, let maxX, let maxY)? = universe.spectatorView(of: observer) {
            shape = .rectangle(minX: Int64(minX), minY: Int64(minY), maxX: Int64(maxX), maxY: Int64(maxY))
        } else {
            shape = .whole
        }
    }

    func isInsideEnter(_ x: Int32, _ y: Int32) -> Bool { isInside(x, y, radius: enter, grow: 0) }

    func isInsideLeave(_ x: Int32, _ y: Int32) -> Bool { isInside(x, y, radius: leave, grow: margin) }

    private func isInside(_ x: Int32, _ y: Int32, radius: Int64, grow: Int64) -> Bool {
        let px = Int64(x)
        let py = Int64(y)
        switch shape {
        case .circle(let cx, let cy):
            return (px - cx) * (px - cx) + (py - cy) * (py - cy) <= radius * radius
        case .rectangle(let minX, let minY, let maxX, let maxY):
            return px >= minX - grow && px <= maxX + grow && py >= minY - grow && py <= maxY + grow
        case .whole:
            return true
        }
    }
}

/// The index of an event's group in GAME_MODEL.md order.
enum EventGroup {
    static func of(_ event: WireEvent) -> Int {
        switch event {
        case .avatar: 0
        case .destroyed: 1
        case .disappeared: 2
        case .appeared: 3
        case .changed: 4
        case .properties: 5
        case .playerState: 6
        case .universeState: 7
        case .message: 8
        }
    }
}
