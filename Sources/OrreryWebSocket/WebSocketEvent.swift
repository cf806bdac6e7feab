/// Something a ``WebSocketMachine`` found in received bytes. Payload slices point into the caller's
/// read buffer or the machine's assembly buffer; they stay valid (copy-on-write) if kept, but are
/// cheapest when used before the next call into the machine.
public enum WebSocketEvent: Equatable, Sendable {
    /// A complete text message (validated UTF-8).
    case text(ArraySlice<UInt8>)
    /// A complete binary message.
    case binary(ArraySlice<UInt8>)
    /// A ping; the pong answer is already in the outbound buffer.
    case ping(ArraySlice<UInt8>)
    /// A pong (answer to our ping, or an unsolicited heartbeat).
    case pong(ArraySlice<UInt8>)
    /// The peer's valid close frame: code (nil when it sent none) and UTF-8 reason. Our answering
    /// close frame, if one was due, is in the outbound buffer; the machine is now `.closed`.
    case close(CloseCode?, reason: ArraySlice<UInt8>)
    /// The peer violated the protocol. A close frame with `error.closeCode` is in the outbound buffer
    /// (unless we had already sent one); the machine is now `.closed`.
    case failed(WebSocketError)
}
