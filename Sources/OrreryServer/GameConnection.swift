import OrreryNet
import OrreryWebSocket
import OrreryWire

/// Glue between one upgraded WebSocket connection and its universe's `UniverseHost`: waits on the front loop for the
/// client's first message (join or resume), then moves the connection to the universe's loop, attaches it there,
/// feeds it the client's messages and writes the host's messages into it. A connection that never speaks is closed
/// by the front loop (4009) and costs the universe's loop nothing.
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
    /// On the front loop: the hello deadline.
    private var helloTimer: TimerHandle?

    init(relay: RelayServer, admission: HandshakeGate.Admission) {
        self.relay = relay
        self.admission = admission
    }

    func webSocketDidOpen(_ webSocket: WebSocketConnection) {
        self.webSocket = webSocket
        let target = relay.states[admission.universe.loop]
        guard webSocket.loop !== target.loop else { return arrive(webSocket, state: target) }
        let timeout = Duration.nanoseconds(Int64(clamping: relay.configuration.policy.helloTimeoutNanoseconds))
        helloTimer = webSocket.loop.schedule(after: timeout) { [self] _ in helloTimedOut() }
    }

    /// The first message, on the front loop: take it along to the universe's loop (later bytes follow the move).
    private func depart(_ webSocket: WebSocketConnection, with first: [UInt8], kind: MessageKind) {
        webSocket.loop.cancel(&helloTimer)
        let target = relay.states[admission.universe.loop]
        webSocket.move(to: target.loop) { [self] moved in
            arrive(moved, state: target)
            guard let host, let link else { return }
            if kind == .binary {
                host.receive(first[...], from: link, now: LoopState.now())
            } else {
                host.receiveText(from: link, now: LoopState.now())
            }
        }
    }

    /// No join or resume in time, still on the front loop: what the host would do (error, then close 4009).
    private func helloTimedOut() {
        helloTimer = nil
        guard let webSocket, webSocket.isOpen else { return }
        relay.states.first { $0.loop === webSocket.loop }?.metrics.protocolError(.helloTimeout)
        Self.fail(webSocket, code: .helloTimeout, message: UniverseHost.helloTimeoutMessage)
    }

    /// What the host does for a fatal error before a connection reaches it: an error message, then the close.
    private static func fail(_ webSocket: WebSocketConnection, code: OrreryWire.CloseCode, message: String) {
        var bytes: [UInt8] = []
        try? WireEncoder.encode(.error(ErrorMessage(code: code.rawValue, message: message)), into: &bytes)
        webSocket.send(.binary, bytes)
        webSocket.close(code: OrreryWebSocket.CloseCode(rawValue: code.rawValue), reason: message)
    }

    /// On the universe's loop: attach to its host.
    private func arrive(_ webSocket: WebSocketConnection, state: LoopState) {
        self.webSocket = webSocket
        settle()
        guard let runner = state.runners[admission.universe.name] else {
            return Self.fail(webSocket, code: .universeClosed, message: "universe closed")
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
        guard let host, let link else { return depart(webSocket, with: Array(payload), kind: kind) }
        if kind == .binary {
            host.receive(payload, from: link, now: LoopState.now())
        } else {
            host.receiveText(from: link, now: LoopState.now())
        }
    }

    func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: OrreryWebSocket.CloseCode, reason: String) {
        webSocket.loop.cancel(&helloTimer)
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
        webSocket?.close(code: OrreryWebSocket.CloseCode(rawValue: code), reason: reason)
    }
}
