import OrreryWebSocket

extension EventLoop {
    /// Opens a client WebSocket connection to `url` (`ws://` only; the host must be a numeric address
    /// or `localhost`) with a fresh random key, verifying the server's `Sec-WebSocket-Accept`.
    /// `completion` runs later on this loop, exactly once, never inside this call: with the open
    /// connection (then `handler.webSocketDidOpen` follows at once) or with the reason it failed
    /// (then `handler` hears nothing). Each sent frame gets a fresh random mask.
    public func connectWebSocket(to url: WebSocketURL,
                                 configuration: WebSocketClientConfiguration = WebSocketClientConfiguration(),
                                 handler: any WebSocketHandler,
                                 completion: @escaping (Result<WebSocketConnection, WebSocketClientError>) -> Void) {
        assertOnLoop()
        let host = url.host.hasPrefix("[") ? String(url.host.dropFirst().dropLast()) : url.host
        let handshake = ClientHandshakeHandler(url: url, configuration: configuration, generator: MaskKeyGenerator(),
                                               handler: handler, completion: completion)
        connect(host: host, port: url.port, timeout: configuration.connectTimeout) { [self] result in
            switch result {
            case .success(let connection):
                handshake.begin(on: connection)
            case .failure(let error):
                webSocketCounters.clientHandshakesFailed &+= 1
                completion(.failure(.connect(error)))
            }
        }
    }
}
