import OrreryWebSocket

extension EventLoop {
    /// The open WebSocket connections owned by this loop (server and client side), in no particular order.
    public var webSocketConnections: [WebSocketConnection] {
        assertOnLoop()
        return webSockets.members
    }

    /// Starts the close handshake on every open WebSocket connection of this loop (e.g. 1001 at shutdown)
    /// and returns how many were asked to close.
    @discardableResult
    public func closeAllWebSockets(code: CloseCode = .goingAway, reason: String = "") -> Int {
        assertOnLoop()
        var count = 0
        for webSocket in webSockets.members where webSocket.isOpen {
            webSocket.close(code: code, reason: reason)
            count += 1
        }
        return count
    }
}
