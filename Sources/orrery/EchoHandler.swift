import OrreryNet
import OrreryWebSocket

/// `orrery echo`'s connection handler: sends each message back to its sender, or with `broadcast`
/// to every WebSocket connection on every loop (encoded once, sender included).
final class EchoHandler: WebSocketHandler {
    private let broadcastLoops: [EventLoop]?

    /// An echo handler; with `broadcastLoops`, a broadcast handler over those loops' connections.
    init(broadcastLoops: [EventLoop]?) {
        self.broadcastLoops = broadcastLoops
    }

    func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind) {
        guard let loops = broadcastLoops else {
            webSocket.send(kind, payload)
            return
        }
        let message = EncodedMessage(kind, payload)
        let here = webSocket.loop
        for loop in loops {
            if loop === here {
                for peer in loop.webSocketConnections { peer.send(message) }
            } else {
                loop.execute { for peer in loop.webSocketConnections { peer.send(message) } }
            }
        }
    }

    func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: CloseCode, reason: String) {}
}
