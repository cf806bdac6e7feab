import OrreryWire

/// Hears what a `ClientConnection` does, on its loop. Every method has an empty default.
public protocol ClientConnectionDelegate: AnyObject {
    /// A message arrived and was handled (frames and resets are already applied to `connection.replica`).
    /// `nanoseconds` is the monotonic arrival time.
    func clientConnection(_ connection: ClientConnection, didReceive message: ServerMessage, byteCount: Int,
                          at nanoseconds: Int64)
    /// The server welcomed the client after a join (`resumed` false) or a resume.
    func clientConnectionDidGoLive(_ connection: ClientConnection, resumed: Bool)
    /// The connection ended with `code` (the WebSocket close code; 1006 without a close frame), and `next` says
    /// what happens now.
    func clientConnection(_ connection: ClientConnection, didDisconnectWith code: UInt16, reason: String,
                          next: Reconnection)
}

extension ClientConnectionDelegate {
    public func clientConnection(_ connection: ClientConnection, didReceive message: ServerMessage, byteCount: Int,
                                 at nanoseconds: Int64) {}
    public func clientConnectionDidGoLive(_ connection: ClientConnection, resumed: Bool) {}
    public func clientConnection(_ connection: ClientConnection, didDisconnectWith code: UInt16, reason: String,
                                 next: Reconnection) {}
}
