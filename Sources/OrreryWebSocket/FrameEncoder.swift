/// Appends whole frames to a caller-owned output buffer. No allocation besides the buffer's own growth.
///
/// Server frames are unmasked (`maskKey: nil`); client frames must carry a fresh random key per frame.
public enum FrameEncoder {
    /// Largest payload of a control frame.
    public static let maxControlPayload = 125

    /// Appends one frame carrying `payload`. Control frames must have at most 125 payload bytes
    /// and `fin == true` (a programming error otherwise).
    public static func append(_ opcode: Opcode, payload: ArraySlice<UInt8>, fin: Bool = true,
                              maskKey: MaskKey? = nil, to output: inout [UInt8]) {
        precondition(!opcode.isControl || (fin && payload.count <= maxControlPayload),
                     "control frames are final and carry at most 125 bytes")
        FrameHeader(fin: fin, opcode: opcode, maskKey: maskKey, payloadLength: UInt64(payload.count))
            .append(to: &output)
        let start = output.count
        output.append(contentsOf: payload)
        if let maskKey {
            maskKey.apply(to: &output, range: start..<output.count, offset: 0)
        }
    }

    /// Appends one frame carrying all of `payload` (the array form of the slice overload).
    public static func append(_ opcode: Opcode, payload: [UInt8], fin: Bool = true,
                              maskKey: MaskKey? = nil, to output: inout [UInt8]) {
        append(opcode, payload: payload[...], fin: fin, maskKey: maskKey, to: &output)
    }

    /// Appends a close frame. With a `code`, the payload is the code followed by `reason` cut to
    /// 123 bytes at a character boundary; without one (or for codes that must never be sent:
    /// 1005, 1006, 1015 and anything outside 1000-4999) the payload is empty.
    public static func appendClose(code: CloseCode?, reason: String = "", maskKey: MaskKey? = nil,
                                   to output: inout [UInt8]) {
        guard let code, isSendable(code) else {
            append(.close, payload: [], maskKey: maskKey, to: &output)
            return
        }
        var payload: [UInt8] = [UInt8(truncatingIfNeeded: code.rawValue >> 8), UInt8(truncatingIfNeeded: code.rawValue)]
        let reasonBytes = Array(reason.utf8)
        var cut = min(reasonBytes.count, maxControlPayload - 2)
        while cut > 0 && cut < reasonBytes.count && reasonBytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        payload.append(contentsOf: reasonBytes[..<cut])
        append(.close, payload: payload, maskKey: maskKey, to: &output)
    }

    private static func isSendable(_ code: CloseCode) -> Bool {
        switch code.rawValue {
        case 1005, 1006, 1015: false
        case 1000...4999: true
        default: false
        }
    }
}
