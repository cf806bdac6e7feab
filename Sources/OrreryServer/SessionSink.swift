/// Where a `UniverseHost` writes one connection's messages: the network glue adapts a WebSocket connection to it,
/// tests record what arrives.
///
/// Calls arrive on the host's loop. After `close` the host sends nothing more to the sink.
public protocol SessionSink: AnyObject {
    /// Sends one encoded server message (one binary WebSocket message). `message` is only valid during the call.
    func send(_ message: ArraySlice<UInt8>)

    /// Closes the connection with a WebSocket close code (1000-4999) and a short reason.
    func close(code: UInt16, reason: String)
}
