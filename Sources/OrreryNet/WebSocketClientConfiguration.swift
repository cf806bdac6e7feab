import OrreryWebSocket

/// Settings of a client WebSocket connection (`EventLoop.connectWebSocket`).
public struct WebSocketClientConfiguration: Sendable {
    /// Subprotocols to offer, in preference order.
    public var protocols: [String]
    /// Extra request header fields (e.g. `Origin`, `Authorization`).
    public var headers: [(String, String)]
    /// Message size and fragment caps for what the server sends.
    public var webSocket: WebSocketConfiguration
    /// Time allowed for the TCP connect. Default 10 s.
    public var connectTimeout: Duration
    /// Time allowed for the server's handshake response after connecting. Default 10 s.
    public var handshakeTimeout: Duration
    /// Client-side pings and silence detection; nil (the default) leaves keep-alive to the server
    /// (pings from the server are always answered).
    public var heartbeat: HeartbeatPolicy?
    /// After we send a close frame, how long the server has to answer. Default 5 s.
    public var closeTimeout: Duration
    /// Pending outbound bytes above which the connection is closed as a slow consumer; nil keeps the loop's default.
    public var outboundCap: Int?

    /// A configuration with the defaults described on each property.
    public init(protocols: [String] = [], headers: [(String, String)] = [],
                webSocket: WebSocketConfiguration = WebSocketConfiguration(),
                connectTimeout: Duration = .seconds(10), handshakeTimeout: Duration = .seconds(10),
                heartbeat: HeartbeatPolicy? = nil, closeTimeout: Duration = .seconds(5), outboundCap: Int? = nil) {
        self.protocols = protocols
        self.headers = headers
        self.webSocket = webSocket
        self.connectTimeout = connectTimeout
        self.handshakeTimeout = handshakeTimeout
        self.heartbeat = heartbeat
        self.closeTimeout = closeTimeout
        self.outboundCap = outboundCap
    }
}
