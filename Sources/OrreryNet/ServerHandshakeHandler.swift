import OrreryPosix
import OrreryWebSocket

/// Drives an accepted connection until its HTTP request head is complete: answers plain requests and
/// rejections and closes, or upgrades and hands the connection to a `WebSocketConnection`.
/// Holds the head parser only while the handshake lasts.
final class ServerHandshakeHandler: ConnectionHandler {
    private let server: WebSocketServer
    private var handshake: ServerHandshake
    private var deadline: TimerHandle?
    /// The peer's address, the key of the pending-handshake cap.
    private let peerKey: String
    /// Whether this connection counts toward its address's pending handshakes.
    private var holdsPendingSlot = false

    /// What the received bytes led to, without keeping a slice of the read buffer alive.
    private enum Outcome {
        case needMore
        case respond(status: Int, bytes: [UInt8], rejected: Bool)
        case upgrade(WebSocketUpgrade, response: [UInt8], remainderStart: Int)
    }

    init(server: WebSocketServer, connection: Connection) {
        self.server = server
        handshake = ServerHandshake(configuration: server.configuration.handshake)
        peerKey = connection.peer?.host ?? "unknown"
        guard server.holdPendingHandshake(peerKey) else {
            refuse(connection)
            return
        }
        holdsPendingSlot = true
        // A strong capture (no weak reference: that would give the connection a side table and slow
        // every later retain); the timer is cancelled when the head completes or the connection closes.
        deadline = connection.loop.schedule(after: server.configuration.handshakeTimeout) { _ in
            guard connection.state == .open || connection.state == .idle else { return }
            connection.loop.webSocketCounters.handshakeTimeouts &+= 1
            connection.close(timeout: .seconds(1))
        }
    }

    /// Over the per-address cap of unfinished handshakes: 503 without waiting for a request, then close at
    /// once (the connection is not started yet, so both happen at the end of this loop iteration).
    private func refuse(_ connection: Connection) {
        connection.loop.webSocketCounters.pendingHandshakeRefusals &+= 1
        connection.send(HTTPResponse.error(.serviceUnavailable,
                                           message: "too many unfinished handshakes from your address",
                                           headers: [("Retry-After", "1")]))
        connection.loop.enqueueDeferred { connection.close(timeout: .zero) }
    }

    /// Gives back the pending-handshake slot once the head is complete or the connection is gone.
    private func finishHandshake(_ connection: Connection) {
        connection.loop.cancel(&deadline)
        guard holdsPendingSlot else { return }
        holdsPendingSlot = false
        server.releasePendingHandshake(peerKey)
    }

    func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        switch outcome(of: buffer[range], peer: connection.peer) {
        case .needMore:
            return
        case .respond(let status, let bytes, let rejected):
            if rejected {
                connection.loop.webSocketCounters.handshakesRejected[status, default: 0] &+= 1
            } else {
                connection.loop.webSocketCounters.httpResponses[status, default: 0] &+= 1
            }
            finishHandshake(connection)
            connection.send(bytes)
            connection.close(timeout: server.configuration.closeTimeout)
        case .upgrade(let upgrade, let response, let remainderStart):
            upgradeConnection(connection, upgrade, response, &buffer, remainderStart..<range.upperBound)
        }
    }

    private func outcome(of bytes: ArraySlice<UInt8>, peer: SocketAddress?) -> Outcome {
        switch handshake.receive(bytes) {
        case .needMore:
            return .needMore
        case .reject(let error, let response):
            return .respond(status: error.status.code, bytes: response, rejected: true)
        case .plainRequest(let request):
            let (status, response) = server.respond(to: request, peer: peer)
            return .respond(status: status, bytes: response, rejected: false)
        case .upgrade(let upgrade, let response, let remainder):
            return .upgrade(upgrade, response: response, remainderStart: remainder.startIndex)
        }
    }

    private func upgradeConnection(_ connection: Connection, _ upgrade: WebSocketUpgrade, _ response: [UInt8],
                                   _ buffer: inout [UInt8], _ remainder: Range<Int>) {
        let loop = connection.loop
        let handler: any WebSocketHandler
        finishHandshake(connection)
        switch server.upgradeRoute(upgrade, connection.peer) {
        case .reject(let status, let message):
            loop.webSocketCounters.handshakesRejected[status.code, default: 0] &+= 1
            // A refusal for load (429, 503) says when to try again.
            let retry: [(String, String)] = status.code == 429 || status.code == 503 ? [("Retry-After", "1")] : []
            connection.send(HTTPResponse.error(status, message: message, headers: retry))
            connection.close(timeout: server.configuration.closeTimeout)
            return
        case .accept(let accepted):
            handler = accepted
        }
        loop.webSocketCounters.handshakesCompleted &+= 1
        let configuration = server.configuration
        if let cap = configuration.outboundCap { connection.outboundCap = cap }
        if let size = configuration.socketSendBuffer { try? connection.setSocketBufferSizes(send: size) }
        connection.send(response)
        let webSocket = WebSocketConnection(
            role: .server, connection: connection,
            machine: WebSocketMachine(role: .server, configuration: configuration.webSocket),
            path: upgrade.path, query: upgrade.query, headers: upgrade.request.headers,
            selectedProtocol: upgrade.selectedProtocol, heartbeat: configuration.heartbeat,
            closeTimeout: configuration.closeTimeout, slowConsumerCloseCode: configuration.slowConsumerCloseCode,
            handler: handler)
        webSocket.open(on: connection, remainder: &buffer, remainder)
    }

    func connection(_ connection: Connection, didCloseWith reason: CloseReason) {
        finishHandshake(connection)
    }
}
