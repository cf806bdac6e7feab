import OrreryWire

/// The client's copy of the entities in its view, kept bit-exact with the server by applying welcome,
/// event frames and resets (GAME_MODEL.md, "The motion rule"). No I/O and no clock.
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

    /// Starts a new session after a join: forgets everything and waits for seq `welcome.firstSeq`.
    public mutating func begin(_ welcome: Welcome) {
        session = welcome
        tick = welcome.currentTick
        lastSeq = welcome.firstSeq &- 1
        avatarId = welcome.avatarId
        lastInputSeq = 0
        entities.removeAll(keepingCapacity: true)
        awaitingReset = false
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
        for event in frame.events {
            switch event {
            case .appeared(let record): entities[record.id] = record
            case .changed(let motion): entities[motion.id] = entities[motion.id]?.applying(motion)
            case .disappeared(let id), .destroyed(let id, _): entities[id] = nil
            case .avatar(let id): avatarId = id
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
        entities.removeAll(keepingCapacity: true)
        for record in reset.entities {
            entities[record.id] = record
        }
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

    /// Checks that every changed/disappeared/destroyed event names an entity present at that point.
    private mutating func validateEvents(_ events: [WireEvent]) throws(ReplicaError) {
        scratch.removeAll(keepingCapacity: true)
        for event in events {
            switch event {
            case .appeared(let record): scratch[record.id] = true
            case .changed(let motion):
                guard scratch[motion.id] ?? (entities[motion.id] != nil) else { throw .unknownEntity(id: motion.id) }
            case .disappeared(let id), .destroyed(let id, _):
                guard scratch[id] ?? (entities[id] != nil) else { throw .unknownEntity(id: id) }
                scratch[id] = false
            case .avatar: break
            }
        }
    }
}
