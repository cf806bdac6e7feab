import OrreryPosix

/// Why a connection closed. Reported exactly once to its handler.
public enum CloseReason: Equatable, Sendable, CustomStringConvertible {
    /// The peer closed its side (end of file).
    case peerClosed
    /// The peer reset the connection (ECONNRESET, or EPIPE on write).
    case reset
    /// Another I/O error.
    case error(PosixError)
    /// Closed by this side: `close()` finished flushing, or `abort()`.
    case local
    /// Closed because pending outbound bytes exceeded the cap (the default slow-consumer policy).
    case slowConsumer
    /// A graceful `close()` hit its deadline before every pending byte was written.
    case flushTimedOut
    /// The loop stopped while the connection was open.
    case loopStopped

    /// Maps an I/O failure to a reason.
    init(_ error: PosixError) {
        switch error.errno {
        case .connectionReset?, .brokenPipe?: self = .reset
        default: self = .error(error)
        }
    }

    public var description: String {
        switch self {
        case .peerClosed: "peer closed the connection"
        case .reset: "connection reset by peer"
        case .error(let error): "I/O error: \(error)"
        case .local: "closed locally"
        case .slowConsumer: "slow consumer: outbound buffer over its cap"
        case .flushTimedOut: "graceful close timed out with bytes still pending"
        case .loopStopped: "event loop stopped"
        }
    }
}
