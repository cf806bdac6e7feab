import OrreryWebSocket

/// Settings of a `WebSocketServer`.
public struct WebSocketServerConfiguration: Sendable {
    /// Head limits (431), WebSocket paths (404), origin allowlist (403) and subprotocols.
    public var handshake: ServerHandshakeConfiguration
    /// Message size and fragment caps of each connection.
    public var webSocket: WebSocketConfiguration
    /// Time from accept to a complete request head; past it the connection is closed. Default 10 s.
    public var handshakeTimeout: Duration
    /// Most connections from one address whose request head has not arrived yet; one more is answered 503 with
    /// `Retry-After` at once and closed, without waiting for its request. It bounds what sockets that never
    /// speak can hold (descriptors, the handshake deadline recycles them only after `handshakeTimeout`).
    /// nil: no cap (the default).
    public var maximumPendingHandshakesPerAddress: Int?
    /// Pings and silence detection; nil disables both. Default: ping every 15 s, terminate after 30 s.
    public var heartbeat: HeartbeatPolicy?
    /// After we send a close frame, how long the peer has to answer before the connection is aborted;
    /// also bounds the final flush. Default 5 s.
    public var closeTimeout: Duration
    /// Pending outbound bytes above which a connection is a slow consumer; nil keeps the loop's default.
    public var outboundCap: Int?
    /// The close code a slow consumer is closed with. Default 1008 (policy violation).
    public var slowConsumerCloseCode: CloseCode
    /// The kernel send buffer (SO_SNDBUF) of upgraded connections; nil keeps the system's autotuning. A small
    /// one bounds kernel memory per client and makes the outbound cap the real limit.
    public var socketSendBuffer: Int?

    /// A configuration with the defaults described on each property.
    public init(handshake: ServerHandshakeConfiguration = ServerHandshakeConfiguration(),
                webSocket: WebSocketConfiguration = WebSocketConfiguration(),
                handshakeTimeout: Duration = .seconds(10), heartbeat: HeartbeatPolicy? = HeartbeatPolicy(),
                closeTimeout: Duration = .seconds(5), outboundCap: Int? = nil,
                slowConsumerCloseCode: CloseCode = .policyViolation) {
        self.handshake = handshake
        self.webSocket = webSocket
        self.handshakeTimeout = handshakeTimeout
        self.heartbeat = heartbeat
        self.closeTimeout = closeTimeout
        self.outboundCap = outboundCap
        self.slowConsumerCloseCode = slowConsumerCloseCode
        maximumPendingHandshakesPerAddress = nil
        socketSendBuffer = nil
    }
}
