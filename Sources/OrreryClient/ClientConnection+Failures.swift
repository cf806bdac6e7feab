import OrreryNet
import OrreryPosix
import OrreryWebSocket

extension ClientConnection {
    /// A failed connection attempt in words a player or operator can act on: what failed and, for the statuses
    /// an Orrery server answers before the upgrade, what the status means there.
    public static func explain(_ error: WebSocketClientError, address: GameAddress) -> String {
        let server = "\(address.host):\(address.port)"
        switch error {
        case .connect(.invalidAddress(let host)):
            return "cannot connect to '\(host)': give a numeric IPv4 or IPv6 address or localhost"
        case .connect(let failure):
            switch failure.errno {
            case .connectionRefused?: return "connection refused by \(server): is the server running on that port?"
            case .timedOut?: return "no answer from \(server) within the connect timeout"
            default: return "cannot connect to \(server): \(failure)"
            }
        case .handshake(.unexpectedStatus(let status)):
            return "the server refused the upgrade with HTTP \(status)" + (meaning(ofStatus: status).map { ": \($0)" } ?? "")
        case .handshake(let failure):
            return "the WebSocket handshake with \(server) failed: \(failure)"
        case .handshakeTimedOut:
            return "\(server) accepted the connection but did not answer the upgrade in time (is it an Orrery server?)"
        case .closedDuringHandshake(let reason):
            return "\(server) closed the connection during the handshake (\(reason))"
        }
    }

    /// What an Orrery server means by an HTTP status it answers instead of 101, nil for others.
    public static func meaning(ofStatus status: Int) -> String? {
        switch status {
        case 400: "a malformed upgrade (e.g. without the subprotocol)"
        case 401: "the server is in ticket mode and the ticket is missing, malformed or forged (pass a ticket)"
        case 403: "the ticket expired or is for another universe, or this origin is not allowed"
        case 404: "no such universe on this server (GET /universes lists them)"
        case 426: "the server speaks another WebSocket version"
        case 429: "too many handshakes from this address (the server's --handshake-rate)"
        case 503: "the server is at its connection limit (--max-connections, --max-connections-per-ip) or stopping"
        default: nil
        }
    }
}
