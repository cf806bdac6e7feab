/// What a server accepts during the WebSocket handshake.
public struct ServerHandshakeConfiguration: Sendable, Equatable {
    /// Largest request head in bytes (larger: 431). Default 8 KiB.
    public var maxHeadBytes: Int
    /// Most header fields (more: 431). Default 100.
    public var maxHeaders: Int
    /// Paths that accept WebSocket upgrades (others: 404); nil accepts any path.
    public var webSocketPaths: Set<String>?
    /// Allowed `Origin` values, compared case-insensitively (others: 403); nil allows any.
    /// Requests without `Origin` (non-browser clients) are always allowed.
    public var allowedOrigins: Set<String>?
    /// Subprotocols the server speaks, in preference order; the first one the client offered wins.
    public var supportedProtocols: [String]

    /// A configuration; the defaults accept any path and origin and no subprotocol.
    public init(maxHeadBytes: Int = 8192, maxHeaders: Int = 100, webSocketPaths: Set<String>? = nil,
                allowedOrigins: Set<String>? = nil, supportedProtocols: [String] = []) {
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaders = maxHeaders
        self.webSocketPaths = webSocketPaths
        self.allowedOrigins = allowedOrigins
        self.supportedProtocols = supportedProtocols
    }
}
