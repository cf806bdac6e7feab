/// The protocol object driving one connection: bytes in (`didRead`), bytes out (`Connection.send`), close.
///
/// All calls arrive on the connection's loop thread, never re-entrantly from inside `send`/`close`/`abort`.
public protocol ConnectionHandler: AnyObject {
    /// Bytes arrived. `bytes` is a view into the loop's shared read buffer: valid only during this call,
    /// copy whatever must outlive it.
    func connection(_ connection: Connection, didRead bytes: ArraySlice<UInt8>)

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
