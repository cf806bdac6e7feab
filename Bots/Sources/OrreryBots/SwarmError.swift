import OrreryPosix

/// Why a swarm cannot run.
public enum SwarmError: Error, Sendable, CustomStringConvertible {
    /// The configuration is unusable (no bots, a bad universe name, ...).
    case invalidConfiguration(String)
    /// The event loops could not be started.
    case loops(PosixError)

    public var description: String {
        switch self {
        case .invalidConfiguration(let detail): "invalid swarm configuration: \(detail)"
        case .loops(let error): "could not start the event loops: \(error)"
        }
    }
}
