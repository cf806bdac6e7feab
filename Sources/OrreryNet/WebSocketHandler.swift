import OrreryWebSocket

/// The application object driving one WebSocket connection (server or client side).
///
/// All calls arrive on the connection's loop thread, never re-entrantly from inside `send` or `close`.
public protocol WebSocketHandler: AnyObject {
    /// The handshake succeeded; the connection is open. The first call a handler receives. Default: nothing.
    func webSocketDidOpen(_ webSocket: WebSocketConnection)

    /// A complete data message arrived. `payload` is valid only during this call (it usually points
    /// into the loop's shared read buffer): copy whatever must outlive it. Text is validated UTF-8.
    func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind)

    /// The connection ended. Called exactly once, last. `code` is the peer's close code when the peer
    /// started the close handshake (1005 if its close frame had none), ours when we did (`close`, a
    /// protocol error, a slow consumer), and 1006 (abnormal closure) when the connection ended without
    /// a close frame (reset, heartbeat timeout, `terminate`). `reason` explains it.
    func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: CloseCode, reason: String)
}

extension WebSocketHandler {
    public func webSocketDidOpen(_ webSocket: WebSocketConnection) {}
}
