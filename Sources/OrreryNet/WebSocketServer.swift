import OrreryPosix
import OrreryWebSocket
import Synchronization

/// A WebSocket server on event loops: HTTP/1.1 handshake with a deadline and limits, plain GET and HEAD routes
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
    let httpRoute: @Sendable (HTTPRequestHead, SocketAddress?) -> [UInt8]?
    let upgradeRoute: @Sendable (WebSocketUpgrade, SocketAddress?) -> WebSocketRoute
    /// Connections per address whose request head has not arrived (shared by every loop; not on any hot path),
    /// used only with a cap.
    private let pending: Mutex<ConnectionLimiter<String>>
    private let capsPendingHandshakes: Bool

    /// A server. `upgradeRoute` runs on the connection's loop for every valid upgrade request (after
    /// the configuration's path, origin and subprotocol checks) and accepts it with a handler or
    /// rejects it with a status. `httpRoute` answers plain GET requests with complete response bytes
    /// (see `HTTPResponse.plain`); when it returns nil, `/healthz` gets 200 `ok` and any other path 404.
    /// A HEAD request gets the GET answer without its body. Plain HTTP connections are closed after the response.
    public convenience init(configuration: WebSocketServerConfiguration = WebSocketServerConfiguration(),
                            httpRoute: @escaping @Sendable (HTTPRequestHead) -> [UInt8]? = { _ in nil },
                            upgradeRoute: @escaping @Sendable (WebSocketUpgrade) -> WebSocketRoute) {
        self.init(configuration: configuration, peerHTTPRoute: { request, _ in httpRoute(request) },
                  peerUpgradeRoute: { upgrade, _ in upgradeRoute(upgrade) })
    }

    /// A server whose hooks also learn the peer's address (for per-address limits); otherwise the same
    /// as `init(configuration:httpRoute:upgradeRoute:)`.
    public init(configuration: WebSocketServerConfiguration = WebSocketServerConfiguration(),
                peerHTTPRoute: @escaping @Sendable (HTTPRequestHead, SocketAddress?) -> [UInt8]? = { _, _ in nil },
                peerUpgradeRoute: @escaping @Sendable (WebSocketUpgrade, SocketAddress?) -> WebSocketRoute) {
        self.configuration = configuration
        httpRoute = peerHTTPRoute
        upgradeRoute = peerUpgradeRoute
        capsPendingHandshakes = configuration.maximumPendingHandshakesPerAddress != nil
        pending = Mutex(ConnectionLimiter(maximumPerKey: max(1, configuration.maximumPendingHandshakesPerAddress ?? 1),
                                          maximumKeys: 65_536))
    }

    /// Listens on `host:port` (port 0 picks one), accepting on `group.loops[acceptLoop]` and placing connections
    /// as `placement` says (round-robin by default); each handshake runs on the loop the connection starts on.
    public func listen(on group: EventLoopGroup, host: String, port: Int, backlog: Int32 = 4096,
                       acceptLoop: Int = 0,
                       placement: ConnectionPlacement = .roundRobin) throws(PosixError) -> GroupListener {
        try group.listen(host: host, port: port, backlog: backlog, acceptLoop: acceptLoop,
                         placement: placement) { [self] connection in
            ServerHandshakeHandler(server: self, connection: connection)
        }
    }

    /// The answer to a plain GET or HEAD: the hook's, else `/healthz` → 200 `ok`, else 404; without its body
    /// for HEAD.
    func respond(to request: HTTPRequestHead, peer: SocketAddress?) -> (status: Int, bytes: [UInt8]) {
        let bytes: [UInt8]
        if let answer = httpRoute(request, peer) {
            bytes = answer
        } else if request.path == "/healthz" {
            bytes = HTTPResponse.plain(.ok, body: Array("ok\n".utf8))
        } else {
            bytes = HTTPResponse.error(.notFound)
        }
        return (Self.statusCode(of: bytes), request.method == "HEAD" ? HTTPResponse.head(of: bytes) : bytes)
    }

    /// The status code in a response's status line (`HTTP/1.1 200 OK`), 0 if unreadable.
    static func statusCode(of response: [UInt8]) -> Int {
        guard response.count >= 12 else { return 0 }
        return Int(String(decoding: response[9..<12], as: UTF8.self)) ?? 0
    }

    /// Counts a connection from `peer` waiting for its request head; false (counting nothing) when its address
    /// is at the cap. Always true without a cap.
    func holdPendingHandshake(_ peer: String) -> Bool {
        guard capsPendingHandshakes else { return true }
        return pending.withLock { $0.acquire(peer) }
    }

    /// Uncounts a connection `holdPendingHandshake` counted.
    func releasePendingHandshake(_ peer: String) {
        guard capsPendingHandshakes else { return }
        pending.withLock { $0.release(peer) }
    }
}
