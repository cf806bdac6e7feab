/// What happened to a session, reported through `UniverseHost.onSessionEvent` (the relay logs each one at info
/// level).
public enum SessionEvent: Sendable, Equatable {
    /// Why a session ended.
    public enum EndReason: String, Sendable {
        /// No resume came within the grace period.
        case expired
        /// The same ticket's player joined again (the old connection got 4008).
        case replaced
        /// The universe closed every session.
        case universeClosed = "universe_closed"
    }

    /// A join created the session.
    case joined(observer: UInt32, spectator: Bool, identity: UInt32?)
    /// A resume continued it, replaying the missed frames or (when they were gone) with a reset.
    case resumed(observer: UInt32, replayed: Bool)
    /// A resume was refused with 4003 (unknown, used or expired token, or a `lastSeq` beyond what was sent).
    case resumeRejected
    /// The session ended and its avatar (or view) left the universe.
    case ended(observer: UInt32, reason: EndReason)
}
