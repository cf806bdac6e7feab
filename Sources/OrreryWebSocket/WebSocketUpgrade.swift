/// A validated WebSocket upgrade request, as the server accepted it.
public struct WebSocketUpgrade: Sendable, Equatable {
    /// The full request head.
    public let request: HTTPRequestHead
    /// The client's `Sec-WebSocket-Key` (base64 of 16 bytes).
    public let key: String
    /// The `Origin` field, if sent.
    public let origin: String?
    /// Subprotocols the client offered, in its order.
    public let offeredProtocols: [String]
    /// The subprotocol the server chose, if any.
    public let selectedProtocol: String?

    /// The request path, e.g. `/play`.
    public var path: String { request.path }
    /// The query string without `?`, if any.
    public var query: String? { request.query }
}
