import OrreryNet
import OrreryPosix
import OrreryWebSocket
import Synchronization
import TestSupport
import Testing

/// What a `ProbeHandler` saw, in order.
enum ProbeEvent: Equatable, Sendable {
    case opened
    case message(MessageKind, [UInt8])
    case closed(UInt16, String)
}

/// A WebSocket handler that records everything and can react to messages.
final class ProbeHandler: WebSocketHandler, @unchecked Sendable {
    let events = Recorder<ProbeEvent>()
    private let onMessage: @Sendable (WebSocketConnection, ArraySlice<UInt8>, MessageKind) -> Void

    init(onMessage: @escaping @Sendable (WebSocketConnection, ArraySlice<UInt8>, MessageKind) -> Void = { _, _, _ in }) {
        self.onMessage = onMessage
    }

    func webSocketDidOpen(_ webSocket: WebSocketConnection) { events.record(.opened) }

    func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind) {
        events.record(.message(kind, Array(payload)))
        onMessage(webSocket, payload, kind)
    }

    func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: CloseCode, reason: String) {
        events.record(.closed(code.rawValue, reason))
    }

    var messages: [(MessageKind, [UInt8])] {
        events.all.compactMap { if case .message(let kind, let bytes) = $0 { (kind, bytes) } else { nil } }
    }

    var closeCode: UInt16? {
        events.all.lazy.compactMap { if case .closed(let code, _) = $0 { code } else { nil } }.first
    }
}

/// Records every server-side handler it creates, in accept order.
final class ProbeFactory: Sendable {
    private let made = Mutex<[ProbeHandler]>([])
    private let onMessage: @Sendable (WebSocketConnection, ArraySlice<UInt8>, MessageKind) -> Void

    init(onMessage: @escaping @Sendable (WebSocketConnection, ArraySlice<UInt8>, MessageKind) -> Void = { _, _, _ in }) {
        self.onMessage = onMessage
    }

    func make() -> ProbeHandler {
        let handler = ProbeHandler(onMessage: onMessage)
        made.withLock { $0.append(handler) }
        return handler
    }

    var handlers: [ProbeHandler] { made.withLock { $0 } }
}

/// Echoes every message back with its kind.
let echoMessage: @Sendable (WebSocketConnection, ArraySlice<UInt8>, MessageKind) -> Void = { webSocket, payload, kind in
    webSocket.send(kind, payload)
}

/// A server group with a test server listening on 127.0.0.1 port 0.
struct TestServer {
    let group: EventLoopGroup
    let listener: GroupListener
    let factory: ProbeFactory

    init(loops: Int = 1, configuration: WebSocketServerConfiguration = WebSocketServerConfiguration(),
         factory: ProbeFactory = ProbeFactory(onMessage: echoMessage),
         route: (@Sendable (WebSocketUpgrade) -> WebSocketRoute?)? = nil) throws {
        group = try EventLoopGroup(loopCount: loops, name: "test-server")
        self.factory = factory
        let server = WebSocketServer(configuration: configuration) { upgrade in
            route?(upgrade) ?? .accept(factory.make())
        }
        listener = try server.listen(on: group, host: "127.0.0.1", port: 0)
    }

    var port: Int { listener.port }

    /// Sum of one counter over the group's loops.
    func total(_ counter: @escaping @Sendable (WebSocketCounters) -> UInt64) async throws -> UInt64 {
        var sum: UInt64 = 0
        for loop in group.loops { sum += try await loop.submit { counter(loop.webSocketCounters) } }
        return sum
    }

    func shutdown() { group.shutdown() }
}

/// Connects a client on `loop`; returns the open connection (or the failure).
func connectClient(on loop: EventLoop, port: Int, path: String = "/", handler: ProbeHandler,
                   configuration: WebSocketClientConfiguration = WebSocketClientConfiguration())
    async -> Result<WebSocketConnection, WebSocketClientError> {
    await withCheckedContinuation { continuation in
        loop.execute {
            loop.connectWebSocket(to: WebSocketURL(host: "127.0.0.1", port: port, path: path),
                                  configuration: configuration, handler: handler) { continuation.resume(returning: $0) }
        }
    }
}

/// Sends on the connection's loop.
func send(_ webSocket: WebSocketConnection, _ kind: MessageKind, _ payload: [UInt8]) {
    webSocket.loop.execute { webSocket.send(kind, payload) }
}

/// A text payload of exactly `count` UTF-8 bytes mixing 1- to 4-byte characters (ASCII padding).
func textPayload(_ count: Int) -> [UInt8] {
    let unit = Array("Orrery ü€𝄞 ".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count + unit.count <= count { bytes += unit }
    while bytes.count < count { bytes.append(UInt8(ascii: "x")) }
    return bytes
}
