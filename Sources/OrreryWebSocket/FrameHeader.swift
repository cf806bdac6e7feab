/// The header of one WebSocket frame (RFC 6455 section 5.2), without reserved bits:
/// Orrery negotiates no extension, so RSV1-3 are always zero.
public struct FrameHeader: Hashable, Sendable {
    /// Whether this is the final frame of its message.
    public var fin: Bool
    /// The frame opcode.
    public var opcode: Opcode
    /// The masking key, present exactly on client-to-server frames.
    public var maskKey: MaskKey?
    /// Number of payload bytes that follow the header.
    public var payloadLength: UInt64

    /// A header with the given fields.
    public init(fin: Bool = true, opcode: Opcode, maskKey: MaskKey? = nil, payloadLength: UInt64) {
        self.fin = fin
        self.opcode = opcode
        self.maskKey = maskKey
        self.payloadLength = payloadLength
    }

    /// Encoded size of this header: 2 to 14 bytes.
    public var encodedLength: Int {
        let lengthBytes = payloadLength <= 125 ? 0 : payloadLength <= 0xFFFF ? 2 : 8
        return 2 + lengthBytes + (maskKey == nil ? 0 : 4)
    }

    /// Appends the header in wire format, using the shortest length encoding.
    public func append(to output: inout [UInt8]) {
        output.append((fin ? 0x80 : 0) | opcode.rawValue)
        let maskBit: UInt8 = maskKey == nil ? 0 : 0x80
        if payloadLength <= 125 {
            output.append(maskBit | UInt8(payloadLength))
        } else if payloadLength <= 0xFFFF {
            output.append(maskBit | 126)
            output.append(UInt8(truncatingIfNeeded: payloadLength >> 8))
            output.append(UInt8(truncatingIfNeeded: payloadLength))
        } else {
            output.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                output.append(UInt8(truncatingIfNeeded: payloadLength >> UInt64(shift)))
            }
        }
        if let maskKey {
            for shift in stride(from: 24, through: 0, by: -8) {
                output.append(UInt8(truncatingIfNeeded: maskKey.value >> UInt32(shift)))
            }
        }
    }
}
