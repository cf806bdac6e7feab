/// A snapshot record: the universe (`Universe.snapshot()`) and the server's sessions, taken right after a tick.
public struct JournalSnapshot: Sendable, Hashable {
    /// The tick the snapshot was taken at.
    public var tick: UInt64
    /// The universe's bytes, restored with `Universe(restoring:rules:)`.
    public var universe: [UInt8]
    /// The server's sessions (ids, seqs, resume tokens), opaque to the journal: the server fills and reads it.
    public var sessions: [UInt8]

    /// Creates a snapshot record (default: no sessions).
    public init(tick: UInt64, universe: [UInt8], sessions: [UInt8] = []) {
        self.tick = tick
        self.universe = universe
        self.sessions = sessions
    }
}
