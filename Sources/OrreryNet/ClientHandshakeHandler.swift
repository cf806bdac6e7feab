import OrreryWebSocket

/// Drives a freshly connected client socket through the opening handshake, then hands it to a
/// `WebSocketConnection`. Reports the outcome to the completion exactly once.
final class ClientHandshakeHandler: ConnectionHandler {
    typealias Completion = (Result<WebSocketConnection, WebSocketClientError>) -> Void

    private let url: WebSocketURL
    private let configuration: WebSocketClientConfiguration
    private let generator: MaskKeyGenerator
    private var handshake: ClientHandshake
    private var handler: (any WebSocketHandler)?
    private var completion: Completion?
    private var deadline: TimerHandle?

    /// What the received bytes led to, without keeping a slice of the read buffer alive.
    private enum Outcome {
        case needMore
        case failed(WebSocketClientError)
        case upgraded(selectedProtocol: String?, remainderStart: Int)
    }

    init(url: WebSocketURL, configuration: WebSocketClientConfiguration, generator: MaskKeyGenerator,
         handler: any WebSocketHandler, completion: @escaping Completion) {
        self.url = url
        self.configuration = configuration
        self.generator = generator
        self.handler = handler
        self.completion = completion
        handshake = ClientHandshake(url: url, keyBytes: generator.handshakeKey(), protocols: configuration.protocols,
                                    headers: configuration.headers)
    }

    /// Sends the request and arms the response deadline.
    func begin(on connection: Connection) {
        if let cap = configuration.outboundCap { connection.outboundCap = cap }
        connection.start(handler: self)
        connection.send(handshake.request)
        // Strong captures, released when the timer is cancelled (success, failure or close).
        deadline = connection.loop.schedule(after: configuration.handshakeTimeout) { [self] _ in
            fail(.handshakeTimedOut, connection)
        }
    }

    func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        switch outcome(of: buffer[range]) {
        case .needMore:
            return
        case .failed(let error):
            fail(error, connection)
        case .upgraded(let selectedProtocol, let remainderStart):
            upgrade(connection, selectedProtocol, &buffer, remainderStart..<range.upperBound)
        }
    }

    private func outcome(of bytes: ArraySlice<UInt8>) -> Outcome {
        do throws(HandshakeError) {
            switch try handshake.receive(bytes) {
            case .needMore: return .needMore
            case .upgraded(let chosen, let remainder): return .upgraded(selectedProtocol: chosen, remainderStart: remainder.startIndex)
            }
        } catch {
            return .failed(.handshake(error))
        }
    }

    private func upgrade(_ connection: Connection, _ selectedProtocol: String?, _ buffer: inout [UInt8],
                         _ remainder: Range<Int>) {
        guard let completion, let handler else { return }
        connection.loop.cancel(&deadline)
        self.completion = nil
        self.handler = nil
        let generator = generator
        let webSocket = WebSocketConnection(
            role: .client, connection: connection,
            machine: WebSocketMachine(role: .client, configuration: configuration.webSocket,
                                      maskKeySource: { generator.maskKey() }),
            path: url.path, query: url.query, headers: HTTPHeaders(), selectedProtocol: selectedProtocol,
            heartbeat: configuration.heartbeat, closeTimeout: configuration.closeTimeout,
            slowConsumerCloseCode: .policyViolation, handler: handler)
        completion(.success(webSocket))
        webSocket.open(on: connection, remainder: &buffer, remainder)
    }

    private func fail(_ error: WebSocketClientError, _ connection: Connection) {
        connection.loop.cancel(&deadline)
        guard let completion else { return }
        self.completion = nil
        handler = nil
        connection.loop.webSocketCounters.clientHandshakesFailed &+= 1
        connection.abort()
        completion(.failure(error))
    }

    func connection(_ connection: Connection, didCloseWith reason: CloseReason) {
        fail(.closedDuringHandshake(reason), connection)
    }
}
