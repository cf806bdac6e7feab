/// A violation of RFC 6455 by the peer, seen while decoding frames or messages.
/// Each maps to the close code the endpoint answers with (``closeCode``).
public enum WebSocketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// RSV1-3 set though no extension was negotiated.
    case reservedBitsSet(UInt8)
    /// Opcode 0x3-0x7 or 0xB-0xF.
    case reservedOpcode(UInt8)
    /// A client sent an unmasked frame (the server requires masking).
    case unmaskedFrame
    /// A server sent a masked frame (the client forbids masking).
    case maskedFrame
    /// A 64-bit payload length with the most significant bit set.
    case invalidPayloadLength
    /// A control frame whose payload exceeds 125 bytes.
    case controlFrameTooLong(UInt64)
    /// A control frame without the FIN bit.
    case fragmentedControlFrame
    /// A continuation frame while no fragmented message is in progress.
    case unexpectedContinuation
    /// A new text or binary frame while a fragmented message is in progress.
    case expectedContinuation
    /// The message would exceed the configured size limit (bytes).
    case messageTooBig(limit: Int)
    /// The message would exceed the configured fragment count limit.
    case tooManyFragments(limit: Int)
    /// A text message is not valid UTF-8.
    case invalidUTF8
    /// A close frame with a one-byte payload.
    case closePayloadTooShort
    /// A close frame with a code that may not appear on the wire.
    case invalidCloseCode(UInt16)
    /// A close frame whose reason is not valid UTF-8.
    case invalidCloseReason

    /// The close code to send when failing the connection for this violation.
    public var closeCode: CloseCode {
        switch self {
        case .messageTooBig, .tooManyFragments: .messageTooBig
        case .invalidUTF8, .invalidCloseReason: .invalidPayloadData
        default: .protocolError
        }
    }

    public var description: String {
        switch self {
        case .reservedBitsSet(let bits): "reserved bits 0x\(String(bits, radix: 16)) set without an extension"
        case .reservedOpcode(let opcode): "reserved opcode 0x\(String(opcode, radix: 16))"
        case .unmaskedFrame: "client frame is not masked"
        case .maskedFrame: "server frame is masked"
        case .invalidPayloadLength: "64-bit payload length has its most significant bit set"
        case .controlFrameTooLong(let length): "control frame payload of \(length) bytes exceeds 125"
        case .fragmentedControlFrame: "control frame without FIN"
        case .unexpectedContinuation: "continuation frame without a message in progress"
        case .expectedContinuation: "new data frame while a fragmented message is in progress"
        case .messageTooBig(let limit): "message exceeds \(limit) bytes"
        case .tooManyFragments(let limit): "message exceeds \(limit) fragments"
        case .invalidUTF8: "text message is not valid UTF-8"
        case .closePayloadTooShort: "close frame payload of 1 byte"
        case .invalidCloseCode(let code): "close code \(code) is not allowed on the wire"
        case .invalidCloseReason: "close reason is not valid UTF-8"
        }
    }
}
