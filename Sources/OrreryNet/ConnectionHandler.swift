/// The protocol object driving one connection: bytes in (`didRead`), bytes out (`Connection.send`), close.
///
/// All calls arrive on the connection's loop thread, never re-entrantly from inside `send`/`close`/`abort`.
public protocol ConnectionHandler: AnyObject {
    /// Bytes arrived in `buffer[range]`, the loop's shared read buffer, lent for this call only. The
    /// handler may modify those bytes in place (e.g. unmask WebSocket payloads) but must not resize the
    /// buffer or keep a reference to it (a kept slice would force a copy of the whole buffer at the next read).
    func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>)

    /// The outbound buffer emptied after the socket had been full (a partial write waited for EPOLLOUT).
    /// Useful for backpressure. Default: nothing.
    func connectionDidDrain(_ connection: Connection)

    /// After a flush, more than `connection.outboundCap` bytes are still pending (a slow consumer).
    /// Reported once per crossing of the cap. Default: `connection.abort(reason: .slowConsumer)`.
    func connectionIsSlowConsumer(_ connection: Connection)

    /// The connection closed. Called exactly once; the connection drops its reference to the handler afterwards.
    func connection(_ connection: Connection, didCloseWith reason: CloseReason)
}

extension ConnectionHandler {
    public func connectionDidDrain(_ connection: Connection) {}

    public func connectionIsSlowConsumer(_ connection: Connection) {
        connection.abort(reason: .slowConsumer)
    }
}
