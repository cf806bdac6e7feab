import OrreryWire

/// One player's or spectator's session in a `UniverseHost`: its identity and frame numbering, separate from any
/// connection. It outlives a dropped connection for the grace period so that a resume can continue it.
public final class Session {
    /// The universe's observer id (the player id, or the spectator id).
    public let observerID: UInt32
    /// Whether the session watches as a spectator.
    public let isSpectator: Bool
    /// The player id of the ticket that opened the session (nil in open mode).
    public let identity: UInt32?
    /// The single-use token the latest welcome carried.
    public internal(set) var token: ResumeToken
    /// Numbering and frame rules.
    public internal(set) var framer: SessionFramer
    /// Recent frames for replay.
    public internal(set) var history: ResumeHistory
    /// Rate limit on inputs and pings.
    var limiter: InputLimiter
    /// The connection now carrying the session, nil while waiting for a resume (the host clears it when the
    /// connection ends, which breaks the link ↔ session cycle).
    public internal(set) var link: ClientLink?
    /// While disconnected: when the grace period ends (monotonic nanoseconds).
    public internal(set) var graceDeadline: UInt64?
    /// Whether the session was restored from a journal and not resumed since: its client's view is older than
    /// anything kept, so its first resume gets a reset numbered after the client's last seq.
    public internal(set) var isRestored = false

    init(observerID: UInt32, isSpectator: Bool, identity: UInt32?, token: ResumeToken, framer: SessionFramer,
         history: ResumeHistory, limiter: InputLimiter) {
        self.observerID = observerID
        self.isSpectator = isSpectator
        self.identity = identity
        self.token = token
        self.framer = framer
        self.history = history
        self.limiter = limiter
    }

    /// The seq of the last frame or reset sent (0 before any).
    public var lastSentSeq: UInt64 { framer.nextSeq &- 1 }
}
