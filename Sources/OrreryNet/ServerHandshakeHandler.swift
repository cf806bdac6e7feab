import OrreryWebSocket

/// Drives an accepted connection until its HTTP request head is complete: answers plain requests and
/// rejections and closes, or upgrades and hands the connection to a `WebSocketConnection`.
/// Holds the head parser only while the handshake lasts.
final class ServerHandshakeHandler: ConnectionHandler {
    private let server: WebSocketServer
    private var handshake: ServerHandshake
    private var deadline: TimerHandle?

    /// What the received bytes led to, without keeping a slice of the read buffer alive.
    private enum Outcome {
        case needMore
        case respond(status: Int, bytes: [UInt8], rejected: Bool)
        case upgrade(WebSocketUpgrade, response: [UInt8], remainderStart: Int)
    }

    init(server: WebSocketServer, connection: Connection) {
        self.server = server
        handshake = ServerHandshake(configuration: server.configuration.handshake)
        // A strong capture (no weak reference: that would give the connection a side table and slow
        // every later retain); the timer is cancelled when the head completes or the connection closes.
        deadline = connection.loop.schedule(after: server.configuration.handshakeTimeout) { _ in
            guard connection.state == .open || connection.state == .idle else { return }
            connection.loop.webSocketCounters.handshakeTimeouts &+= 1
            connection.close(timeout: .seconds(1))
        }
    }

    func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        switch outcome(of: buffer[range]) {
        case .needMore:
            return
        case .respond(let status, let bytes, let rejected):
            if rejected {
                connection.loop.webSocketCounters.handshakesRejected[status, default: 0] &+= 1
            } else {
                connection.loop.webSocketCounters.httpResponses[status, default: 0] &+= 1
            }
            connection.loop.cancel(&deadline)
            connection.send(bytes)
            connection.close(timeout: server.configuration.closeTimeout)
        case .upgrade(let upgrade, let response, let remainderStart):
            upgradeConnection(connection, upgrade, response, &buffer, remainderStart..<range.upperBound)
        }
    }

    private func outcome(of bytes: ArraySlice<UInt8>) -> Outcome {
        switch handshake.receive(bytes) {
        case .needMore:
            return .needMore
        case .reject(let error, let response):
            return .respond(status: error.status.code, bytes: response, rejected: true)
        case .plainRequest(let request):
            let (status, response) = server.respond(to: request)
            return .respond(status: status, bytes: response, rejected: false)
        case .upgrade(let upgrade, let response, let remainder):
            return .upgrade(upgrade, response: response, remainderStart: remainder.startIndex)
        }
    }

    private func upgradeConnection(_ connection: Connection, _ upgrade: WebSocketUpgrade, _ response: [UInt8],
                                   _ buffer: inout [UInt8], _ remainder: Range<Int>) {
        let loop = connection.loop
        let handler: any WebSocketHandler
        switch server.upgradeRoute(upgrade, connection.peer) {
        case .reject(let status, let message):
            loop.webSocketCounters.handshakesRejected[status.code, default: 0] &+= 1
            connection.loop.cancel(&deadline)
            connection.send(HTTPResponse.error(status, message: message))
            connection.close(timeout: server.configuration.closeTimeout)
            return
        case .accept(let accepted):
            handler = accepted
        }
        connection.loop.cancel(&deadline)
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
        connection.loop.cancel(&deadline)
    }
}
