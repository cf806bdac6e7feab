/// Why an HTTP/1.1 WebSocket handshake failed, on either side. ``status`` is the HTTP answer a
/// server sends for it (client-side cases map to 400 but are never sent).
public enum HandshakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The head exceeded the configured byte limit.
    case headTooLarge(limit: Int)
    /// The head had more header fields than allowed.
    case tooManyHeaders(limit: Int)
    /// Unparseable start line or header field.
    case malformed(String)
    /// A method other than GET.
    case methodNotAllowed(String)
    /// `Sec-WebSocket-Version` missing or not 13.
    case unsupportedVersion(String?)
    /// `Upgrade` does not list `websocket`.
    case missingUpgrade
    /// `Connection` does not list `upgrade`.
    case missingConnectionUpgrade
    /// No `Host` field.
    case missingHost
    /// `Sec-WebSocket-Key` missing or not base64 of 16 bytes.
    case invalidKey
    /// No WebSocket route at this path.
    case notFound(path: String)
    /// `Origin` is not on the allowlist.
    case forbiddenOrigin(String)
    /// Client side: the server answered with a status other than 101.
    case unexpectedStatus(Int)
    /// Client side: `Sec-WebSocket-Accept` missing or wrong.
    case invalidAccept
    /// Client side: the server chose a subprotocol we did not offer.
    case unofferedProtocol(String)
    /// Client side: the server enabled an extension though we offered none.
    case unofferedExtension(String)
    /// Client side: a URL that is not `ws://host[:port][/path][?query]`.
    case invalidURL(String)

    /// The HTTP status a server answers with.
    public var status: HTTPStatus {
        switch self {
        case .headTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .methodNotAllowed: .methodNotAllowed
        case .unsupportedVersion: .upgradeRequired
        case .notFound: .notFound
        case .forbiddenOrigin: .forbidden
        default: .badRequest
        }
    }

    public var description: String {
        switch self {
        case .headTooLarge(let limit): "HTTP head exceeds \(limit) bytes"
        case .tooManyHeaders(let limit): "more than \(limit) header fields"
        case .malformed(let detail): "malformed HTTP head: \(detail)"
        case .methodNotAllowed(let method): "method \(method) not allowed, only GET (and HEAD without an upgrade)"
        case .unsupportedVersion(let version): "unsupported Sec-WebSocket-Version \(version ?? "(missing)"), need 13"
        case .missingUpgrade: "Upgrade header does not name websocket"
        case .missingConnectionUpgrade: "Connection header does not list upgrade"
        case .missingHost: "missing Host header"
        case .invalidKey: "Sec-WebSocket-Key is not base64 of 16 bytes"
        case .notFound(let path): "no WebSocket endpoint at \(path)"
        case .forbiddenOrigin(let origin): "origin \(origin) not allowed"
        case .unexpectedStatus(let code): "server answered \(code) instead of 101"
        case .invalidAccept: "Sec-WebSocket-Accept missing or wrong"
        case .unofferedProtocol(let name): "server chose subprotocol \(name) that was not offered"
        case .unofferedExtension(let name): "server enabled extension \(name) that was not offered"
        case .invalidURL(let url): "not a ws:// URL: \(url)"
        }
    }
}
