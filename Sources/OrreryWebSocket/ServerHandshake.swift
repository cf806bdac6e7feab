import OrreryDigest

/// The server side of the opening handshake (RFC 6455 section 4.2), fed bytes as they arrive.
///
/// A request is classified as a WebSocket upgrade (answered with 101), a plain HTTP GET or HEAD (for routes
/// such as `/healthz`; the caller answers with ``HTTPResponse/plain(_:contentType:body:headers:)`` and
/// closes), or a rejection that already carries its error response (400, 403, 404, 405, 426, 431).
/// Routing and origin checks come from ``ServerHandshakeConfiguration``.
public struct ServerHandshake: Sendable {
    /// What the bytes so far amount to.
    public enum Result: Sendable, Equatable {
        /// The request head is not complete yet.
        case needMore
        /// A valid upgrade: send `response`, then run a ``WebSocketMachine`` on `remainder` and later bytes.
        case upgrade(WebSocketUpgrade, response: [UInt8], remainder: ArraySlice<UInt8>)
        /// A plain GET or HEAD (not an upgrade attempt): answer it and close the connection.
        case plainRequest(HTTPRequestHead)
        /// A failed request: send `response`, then close the connection.
        case reject(HandshakeError, response: [UInt8])
    }

    /// Limits, routes and subprotocols in force.
    public let configuration: ServerHandshakeConfiguration
    private var parser: HTTPHeadParser

    /// A handshake waiting for the request head.
    public init(configuration: ServerHandshakeConfiguration = ServerHandshakeConfiguration()) {
        self.configuration = configuration
        parser = HTTPHeadParser(maxBytes: configuration.maxHeadBytes, maxHeaders: configuration.maxHeaders)
    }

    /// Feeds received bytes; call until the result is not `.needMore`.
    public mutating func receive(_ bytes: ArraySlice<UInt8>) -> Result {
        do throws(HandshakeError) {
            guard let (head, remainder) = try parser.append(bytes) else { return .needMore }
            let request = try HTTPRequestHead(head)
            guard let upgrade = try Self.classify(request, configuration: configuration) else {
                return .plainRequest(request)
            }
            let response = HTTPResponse.switchingProtocols(key: upgrade.key, protocol: upgrade.selectedProtocol)
            return .upgrade(upgrade, response: response, remainder: remainder)
        } catch {
            return .reject(error, response: HTTPResponse.rejection(error))
        }
    }

    /// Validates `request`: nil for a plain GET or HEAD, the upgrade for a valid WebSocket request, or the
    /// reason it must be rejected. A request is an upgrade attempt when `Upgrade` names `websocket`
    /// or any `Sec-WebSocket-*` field is present.
    public static func classify(_ request: HTTPRequestHead,
                                configuration: ServerHandshakeConfiguration) throws(HandshakeError) -> WebSocketUpgrade? {
        guard request.method == "GET" || request.method == "HEAD" else { throw .methodNotAllowed(request.method) }
        let headers = request.headers
        let attempt = headers.contains("Upgrade", token: "websocket")
            || headers.names.contains { $0.hasPrefix("sec-websocket-") }
        guard attempt else { return nil }
        guard request.method == "GET" else { throw .methodNotAllowed(request.method) }
        guard request.version == "HTTP/1.1" else { throw .malformed("WebSocket upgrade needs HTTP/1.1") }
        guard headers.contains("Upgrade", token: "websocket") else { throw .missingUpgrade }
        guard headers.contains("Connection", token: "upgrade") else { throw .missingConnectionUpgrade }
        guard let host = headers["Host"], !host.isEmpty else { throw .missingHost }
        let version = headers["Sec-WebSocket-Version"]
        guard version == "13" else { throw .unsupportedVersion(version) }
        guard let key = headers["Sec-WebSocket-Key"], let decoded = try? Base64.decode(key), decoded.count == 16 else {
            throw .invalidKey
        }
        if let paths = configuration.webSocketPaths, !paths.contains(request.path) {
            throw .notFound(path: request.path)
        }
        let origin = headers["Origin"]
        if let origin, let allowed = configuration.allowedOrigins,
           !allowed.contains(where: { $0.lowercased() == origin.lowercased() }) {
            throw .forbiddenOrigin(origin)
        }
        let offered = headers.tokens("Sec-WebSocket-Protocol")
        return WebSocketUpgrade(request: request, key: key, origin: origin, offeredProtocols: offered,
                                selectedProtocol: configuration.supportedProtocols.first { offered.contains($0) })
    }
}
