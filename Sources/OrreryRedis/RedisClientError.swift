import OrreryPosix

/// Why a command sent through `RedisClient` has no reply.
public enum RedisClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered with an error reply, e.g. `WRONGTYPE ...` or a script's `error_reply`.
    case server(String)
    /// No reply within the command timeout. The connection is dropped and re-opened, since a server that stopped
    /// answering one command is not answering the ones queued behind it either.
    case timedOut
    /// The connection closed with the command sent but unanswered: it may or may not have run.
    case disconnected(String)
    /// The client was closed (`close()`), or was never started.
    case closed
    /// The server sent bytes that are not RESP; the connection is dropped and re-opened.
    case protocolViolation(RedisProtocolError)

    public var description: String {
        switch self {
        case .server(let message): "redis error: \(message)"
        case .timedOut: "redis command timed out"
        case .disconnected(let reason): "redis connection lost before the reply (\(reason))"
        case .closed: "redis client closed"
        case .protocolViolation(let error): "redis protocol violation: \(error)"
        }
    }
}
