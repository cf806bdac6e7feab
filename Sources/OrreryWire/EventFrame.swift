/// Server→client: what changed in the player's view on one tick.
public struct EventFrame: Hashable, Sendable {
    /// Session sequence number: previous seq + 1.
    public var seq: UInt64
    /// The tick whose state (after its step) the events describe.
    public var tick: UInt64
    /// The last input seq the server applied (0 = none yet).
    public var lastInputSeq: UInt32
    /// Events in order: avatar, destroyed, disappeared, appeared, changed (each group by ascending id).
    public var events: [WireEvent]

    public init(seq: UInt64, tick: UInt64, lastInputSeq: UInt32, events: [WireEvent]) {
        self.seq = seq
        self.tick = tick
        self.lastInputSeq = lastInputSeq
        self.events = events
    }
}
