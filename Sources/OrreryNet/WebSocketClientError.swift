import OrreryPosix
import OrreryWebSocket

/// Why a client WebSocket connection could not be opened.
public enum WebSocketClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The TCP connection failed (refused, timed out, bad address).
    case connect(PosixError)
    /// The server refused the upgrade or answered wrongly (e.g. `.unexpectedStatus(404)`, `.invalidAccept`).
    case handshake(HandshakeError)
    /// The server's response did not arrive within the handshake timeout.
    case handshakeTimedOut
    /// The connection closed during the handshake.
    case closedDuringHandshake(CloseReason)

    public var description: String {
        switch self {
        case .connect(let error): "connect failed: \(error)"
        case .handshake(let error): "handshake failed: \(error)"
        case .handshakeTimedOut: "handshake timed out"
        case .closedDuringHandshake(let reason): "connection closed during the handshake: \(reason)"
        }
    }
}
