/// A WebSocket frame opcode (RFC 6455 section 5.2). Reserved opcodes are not representable.
public enum Opcode: UInt8, Sendable, CaseIterable {
    /// Continues a fragmented text or binary message.
    case continuation = 0x0
    /// First (or only) frame of a UTF-8 text message.
    case text = 0x1
    /// First (or only) frame of a binary message.
    case binary = 0x2
    /// Close handshake frame.
    case close = 0x8
    /// Ping; the peer answers with a pong carrying the same payload.
    case ping = 0x9
    /// Pong; an answer to a ping or an unsolicited heartbeat.
    case pong = 0xA

    /// Whether this is a control opcode (close, ping, pong).
    public var isControl: Bool { rawValue & 0x8 != 0 }
}
