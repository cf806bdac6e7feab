/// The limits and timings a `UniverseHost` applies to its sessions.
public struct HostPolicy: Sendable, Hashable {
    /// Most players in the universe (a join beyond it: 4002). Default 100.
    public var maximumPlayers: Int
    /// Most spectators in the universe (a join beyond it: 4002). Default 16; 0 forbids spectators (4010).
    public var maximumSpectators: Int
    /// How long a disconnected session (and its avatar) waits for a resume, in nanoseconds. Default 10 s.
    public var graceNanoseconds: UInt64
    /// How long a new connection may take to send join or resume (past it: 4009), in nanoseconds. Default 10 s.
    public var helloTimeoutNanoseconds: UInt64
    /// Seconds of frames each session keeps for replay on resume. Default 5.
    public var historySeconds: Int
    /// Most bytes of frames each session keeps for replay. Default 256 KiB.
    public var historyMaximumBytes: Int
    /// Per-session limit on input and ping messages (excess dropped; sustained abuse closes with 1008).
    public var input: InputLimiter.Policy
    /// A frame is sent at least every this many ticks. Default 20.
    public var keepAliveTicks: UInt32

    /// A policy; every parameter has the default described on its property.
    public init(maximumPlayers: Int = 100, maximumSpectators: Int = 16,
                graceNanoseconds: UInt64 = 10_000_000_000, helloTimeoutNanoseconds: UInt64 = 10_000_000_000,
                historySeconds: Int = 5, historyMaximumBytes: Int = 256 * 1024,
                input: InputLimiter.Policy = InputLimiter.Policy(),
                keepAliveTicks: UInt32 = SessionFramer.defaultKeepAliveTicks) {
        self.maximumPlayers = maximumPlayers
        self.maximumSpectators = maximumSpectators
        self.graceNanoseconds = graceNanoseconds
        self.helloTimeoutNanoseconds = helloTimeoutNanoseconds
        self.historySeconds = historySeconds
        self.historyMaximumBytes = historyMaximumBytes
        self.input = input
        self.keepAliveTicks = keepAliveTicks
    }
}
