/// Incremental frame decoder (RFC 6455 section 5) for either role.
///
/// Fed a caller-owned buffer and an index, it consumes bytes as they arrive and reports a frame's
/// header, then its payload in one or more pieces, unmasked in place inside the caller's buffer.
/// A frame's payload is never buffered or allocated here, so a peer's declared length costs nothing.
/// It enforces the framing rules: zero RSV bits, known opcodes, masking by role, minimal control
/// frames, continuation sequencing, and message size and fragment count caps (checked from declared
/// lengths, before any payload is read). Idle state is a few dozen bytes.
public struct FrameDecoder: Sendable {
    /// What the decoder found next in the buffer.
    public enum Event: Hashable, Sendable {
        /// A complete frame header; its payload follows as one or more `payload` events.
        case header(FrameHeader)
        /// Payload bytes of the current frame, already unmasked in the caller's buffer.
        /// `isFrameEnd` marks the last piece (an empty frame yields one empty piece).
        case payload(Range<Int>, isFrameEnd: Bool)
    }

    private enum Stage: UInt8, Sendable {
        case firstByte, secondByte, extendedLength, maskKey, payload
    }

    /// Which side's frames this decoder reads: `.server` decodes client frames (masked).
    public let role: Role
    /// Largest message (sum of its data frame payloads) accepted, in bytes.
    public let maxMessageSize: Int
    /// Largest number of frames in one data message.
    public let maxFragments: Int

    private var stage = Stage.firstByte
    private var fin = false
    private var opcode = Opcode.continuation
    private var masked = false
    private var headerBytesLeft = 0
    private var length: UInt64 = 0
    private var mask: UInt32 = 0
    private var payloadOffset: UInt64 = 0
    private var messageInProgress = false
    private var messageLength: UInt64 = 0
    private var fragmentCount = 0

    /// A decoder for `role`, with message caps (1 MiB and 1024 fragments by default).
    public init(role: Role, maxMessageSize: Int = 1 << 20, maxFragments: Int = 1024) {
        self.role = role
        self.maxMessageSize = maxMessageSize
        self.maxFragments = maxFragments
    }


    /// Decodes from `buffer[index..<end]`, advancing `index` past what it consumed.
    /// Returns nil when it needs more bytes (then `index == end`). After an error the stream is
    /// broken; the decoder must not be used again.
    public mutating func next(in buffer: inout [UInt8], index: inout Int, end: Int) throws(WebSocketError) -> Event? {
        while true {
            if stage == .payload {
                let left = length - payloadOffset
                let available = UInt64(end - index)
                let count = Int(min(left, available))
                if count == 0 && left != 0 { return nil }
                let range = index..<(index + count)
                if masked {
                    MaskKey(value: mask).apply(to: &buffer, range: range, offset: payloadOffset)
                }
                index += count
                payloadOffset += UInt64(count)
                let isFrameEnd = payloadOffset == length
                if isFrameEnd { stage = .firstByte }
                return .payload(range, isFrameEnd: isFrameEnd)
            }
            guard index < end else { return nil }
            let byte = buffer[index]
            index += 1
            switch stage {
            case .firstByte:
                try readFirstByte(byte)
            case .secondByte:
                try readSecondByte(byte)
                if headerBytesLeft == 0, let header = try completeLength() { return .header(header) }
            case .extendedLength:
                length = length << 8 | UInt64(byte)
                headerBytesLeft -= 1
                if headerBytesLeft == 0, let header = try completeLength() { return .header(header) }
            case .maskKey:
                mask = mask << 8 | UInt32(byte)
                headerBytesLeft -= 1
                if headerBytesLeft == 0 { return .header(beginPayload()) }
            case .payload:
                preconditionFailure("payload stage is handled above")
            }
        }
    }

    private mutating func readFirstByte(_ byte: UInt8) throws(WebSocketError) {
        let reserved = byte & 0x70
        guard reserved == 0 else { throw .reservedBitsSet(reserved >> 4) }
        guard let code = Opcode(rawValue: byte & 0x0F) else { throw .reservedOpcode(byte & 0x0F) }
        fin = byte & 0x80 != 0
        opcode = code
        if code.isControl {
            guard fin else { throw .fragmentedControlFrame }
        } else if code == .continuation {
            guard messageInProgress else { throw .unexpectedContinuation }
            guard fragmentCount < maxFragments else { throw .tooManyFragments(limit: maxFragments) }
        } else {
            guard !messageInProgress else { throw .expectedContinuation }
        }
        stage = .secondByte
    }

    private mutating func readSecondByte(_ byte: UInt8) throws(WebSocketError) {
        masked = byte & 0x80 != 0
        if role == .server && !masked { throw .unmaskedFrame }
        if role == .client && masked { throw .maskedFrame }
        length = UInt64(byte & 0x7F)
        switch length {
        case 126: headerBytesLeft = 2
        case 127: headerBytesLeft = 8
        default: headerBytesLeft = 0
        }
        if headerBytesLeft > 0 { length = 0 }
        stage = .extendedLength
    }

    /// Validates the now-known payload length; returns the header if no mask key follows.
    private mutating func completeLength() throws(WebSocketError) -> FrameHeader? {
        guard length & (1 << 63) == 0 else { throw .invalidPayloadLength }
        if opcode.isControl {
            guard length <= 125 else { throw .controlFrameTooLong(length) }
        } else {
            let total = (opcode == .continuation ? messageLength : 0) + length
            guard total <= UInt64(maxMessageSize) else { throw .messageTooBig(limit: maxMessageSize) }
            messageLength = total
            fragmentCount = opcode == .continuation ? fragmentCount + 1 : 1
            messageInProgress = !fin
        }
        if masked {
            stage = .maskKey
            headerBytesLeft = 4
            mask = 0
            return nil
        }
        return beginPayload()
    }

    private mutating func beginPayload() -> FrameHeader {
        stage = .payload
        payloadOffset = 0
        return FrameHeader(fin: fin, opcode: opcode, maskKey: masked ? MaskKey(value: mask) : nil,
                           payloadLength: length)
    }
}
