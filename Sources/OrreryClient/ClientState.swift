/// Where a `ClientConnection` is in its life (Protocol/README.md section 5.2).
public enum ClientState: Hashable, Sendable, CustomStringConvertible {
    /// Created, not started.
    case idle
    /// Opening the TCP connection and the WebSocket.
    case connecting
    /// Open; join or resume sent, waiting for the welcome.
    case hello
    /// Welcomed; frames flow.
    case live
    /// Disconnected, waiting to reconnect.
    case waiting
    /// Stopped for good (asked to, or the server said not to come back).
    case stopped

    public var description: String {
        switch self {
        case .idle: "idle"
        case .connecting: "connecting"
        case .hello: "hello"
        case .live: "live"
        case .waiting: "waiting"
        case .stopped: "stopped"
        }
    }
}
