import OrreryPosix
import OrreryWebSocket

/// A WebSocket server on event loops: HTTP/1.1 handshake with a deadline and limits, plain GET routes
/// on the same port, then RFC 6455 connections with heartbeats, driven by `WebSocketHandler`s.
///
/// ```swift
/// let server = WebSocketServer { upgrade in
///     upgrade.path == "/play" ? .accept(PlayerSession()) : .reject(.notFound)
/// }
/// let listener = try server.listen(on: group, host: "127.0.0.1", port: 9001)
/// ```
///
/// Per-loop counters are in `EventLoop.webSocketCounters`.
public final class WebSocketServer: Sendable {
    /// The settings every connection gets.
    public let configuration: WebSocketServerConfiguration
    let httpRoute: @Sendable (HTTPRequestHead) -> [UInt8]?
    let upgradeRoute: @Sendable (WebSocketUpgrade, SocketAddress?) -> WebSocketRoute

    /// A server. `upgradeRoute` runs on the connection's loop for every valid upgrade request (after
    /// the configuration's path, origin and subprotocol checks) and accepts it with a handler or
    /// rejects it with a status. `httpRoute` answers plain GET requests with complete response bytes
    /// (see `HTTPResponse.plain`); when it returns nil, `/healthz` gets 200 `ok` and any other path 404.
    /// Plain HTTP connections are closed after the response.
    public init(configuration: WebSocketServerConfiguration = WebSocketServerConfiguration(),
                httpRoute: @escaping @Sendable (HTTPRequestHead) -> [UInt8]? = { _ in nil },
                upgradeRoute: @escaping @Sendable (WebSocketUpgrade) -> WebSocketRoute) {
        self.configuration = configuration
        self.httpRoute = httpRoute
        self.upgradeRoute = { upgrade, _ in upgradeRoute(upgrade) }
    }

    /// A server whose upgrade hook also learns the peer's address (for per-address limits); otherwise the same
    /// as `init(configuration:httpRoute:upgradeRoute:)`.
    public init(configuration: WebSocketServerConfiguration = WebSocketServerConfiguration(),
                httpRoute: @escaping @Sendable (HTTPRequestHead) -> [UInt8]? = { _ in nil },
                peerUpgradeRoute: @escaping @Sendable (WebSocketUpgrade, SocketAddress?) -> WebSocketRoute) {
        self.configuration = configuration
        self.httpRoute = httpRoute
        upgradeRoute = peerUpgradeRoute
    }

    /// Listens on `host:port` (port 0 picks one), accepting on `group.loops[acceptLoop]` and spreading
    /// connections over the group round-robin; each handshake runs on the connection's loop.
    public func listen(on group: EventLoopGroup, host: String, port: Int, backlog: Int32 = 4096,
                       acceptLoop: Int = 0) throws(PosixError) -> GroupListener {
        try group.listen(host: host, port: port, backlog: backlog, acceptLoop: acceptLoop) { [self] connection in
            ServerHandshakeHandler(server: self, connection: connection)
        }
    }

    /// The answer to a plain GET: the hook's, else `/healthz` → 200 `ok`, else 404.
    func respond(to request: HTTPRequestHead) -> (status: Int, bytes: [UInt8]) {
        if let bytes = httpRoute(request) { return (Self.statusCode(of: bytes), bytes) }
        if request.path == "/healthz" {
            return (200, HTTPResponse.plain(.ok, body: Array("ok\n".utf8)))
        }
        return (404, HTTPResponse.error(.notFound))
    }

    /// The status code in a response's status line (`HTTP/1.1 200 OK`), 0 if unreadable.
    static func statusCode(of response: [UInt8]) -> Int {
        guard response.count >= 12 else { return 0 }
        return Int(String(decoding: response[9..<12], as: UTF8.self)) ?? 0
    }
}
