import OrreryNet
import OrreryWebSocket

/// Glue between one upgraded WebSocket connection and its universe's `UniverseHost`: moves the connection to the
/// universe's loop, attaches it there, feeds it the client's messages and writes the host's messages into it.
///
/// Loop-confined (it follows its connection); `@unchecked Sendable` only so the move can carry it.
final class GameConnection: WebSocketHandler, SessionSink, @unchecked Sendable {
    private let relay: RelayServer
    private let admission: HandshakeGate.Admission
    private var webSocket: WebSocketConnection?
    private var link: ClientLink?
    private var host: UniverseHost?
    /// Whether the directory has been told this connection is no longer on its way.
    private var settled = false

    init(relay: RelayServer, admission: HandshakeGate.Admission) {
        self.relay = relay
        self.admission = admission
    }

    func webSocketDidOpen(_ webSocket: WebSocketConnection) {
        self.webSocket = webSocket
        let target = relay.states[admission.universe.loop]
        if webSocket.loop === target.loop {
            arrive(webSocket, state: target)
        } else {
            webSocket.move(to: target.loop) { [self] moved in arrive(moved, state: target) }
        }
    }

    /// On the universe's loop: attach to its host.
    private func arrive(_ webSocket: WebSocketConnection, state: LoopState) {
        self.webSocket = webSocket
        settle()
        guard let runner = state.runners[admission.universe.name] else {
            webSocket.close(code: CloseCode(rawValue: 4006), reason: "universe closed")
            return
        }
        host = runner.host
        link = runner.host.connect(self, identity: admission.identity, now: LoopState.now())
    }

    private func settle() {
        guard !settled else { return }
        settled = true
        relay.directory.settle(admission.universe.name)
    }

    func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind) {
        guard let host, let link else { return }
        if kind == .binary {
            host.receive(payload, from: link, now: LoopState.now())
        } else {
            host.receiveText(from: link, now: LoopState.now())
        }
    }

    func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: CloseCode, reason: String) {
        settle()
        let observer = link?.session.map { "\($0.observerID)" } ?? "-"
        if let host, let link { host.disconnected(link, now: LoopState.now()) }
        relay.gate.release(admission.peer)
        relay.states.first { $0.loop === webSocket.loop }?.metrics.closed(code: code.rawValue)
        relay.logger.info("connection_closed", ["universe": admission.universe.name, "peer": admission.peer,
                                                "observer": observer, "code": code.rawValue, "reason": reason])
        self.webSocket = nil
        link = nil
        host = nil
    }

    // MARK: SessionSink

    func send(_ message: ArraySlice<UInt8>) {
        webSocket?.send(.binary, message)
    }

    func close(code: UInt16, reason: String) {
        webSocket?.close(code: CloseCode(rawValue: code), reason: reason)
    }
}
