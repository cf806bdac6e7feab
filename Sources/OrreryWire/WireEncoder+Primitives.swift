/// Field encodings shared by all messages (layouts: Protocol/README.md, "Conventions").
extension WireEncoder {
    /// Unsigned LEB128, minimal length.
    static func putVarint(_ value: UInt64, _ buffer: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        buffer.append(UInt8(rest))
    }

    /// Zigzag-mapped signed 32-bit value as a varint.
    static func putZigzag(_ value: Int32, _ buffer: inout [UInt8]) {
        putVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))), &buffer)
    }

    static func putU16(_ value: UInt16, _ buffer: inout [UInt8]) {
        buffer.append(UInt8(truncatingIfNeeded: value))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    static func putU32(_ value: UInt32, _ buffer: inout [UInt8]) {
        for shift in stride(from: UInt32(0), to: 32, by: 8) {
            buffer.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    static func putU64(_ value: UInt64, _ buffer: inout [UInt8]) {
        for shift in stride(from: UInt64(0), to: 64, by: 8) {
            buffer.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    static func putToken(_ token: ResumeToken, _ buffer: inout [UInt8]) {
        putU64(token.low, &buffer)
        putU64(token.high, &buffer)
    }

    /// Varint byte length, then the UTF-8 bytes.
    static func putString(_ text: String, allowEmpty: Bool, max: Int, field: String,
                          _ buffer: inout [UInt8]) throws(WireEncodingError) {
        let count = text.utf8.count
        guard count <= max, allowEmpty || count > 0 else { throw .valueOutOfRange(field: field) }
        putVarint(UInt64(count), &buffer)
        buffer.append(contentsOf: text.utf8)
    }

    /// An entity record without tag (appeared event payload, reset record).
    static func putRecord(_ record: EntityRecord, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        guard record.id != 0 else { throw .valueOutOfRange(field: "entity.id") }
        guard record.radius >= 0 else { throw .valueOutOfRange(field: "entity.radius") }
        putVarint(UInt64(record.id), &buffer)
        buffer.append(record.kind)
        putZigzag(record.x, &buffer)
        putZigzag(record.y, &buffer)
        putZigzag(record.vx, &buffer)
        putZigzag(record.vy, &buffer)
        putU16(record.heading, &buffer)
        putVarint(UInt64(record.radius), &buffer)
        putVarint(UInt64(record.owner), &buffer)
    }

    /// A changed event payload without tag.
    static func putMotion(_ motion: EntityMotion, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        guard motion.id != 0 else { throw .valueOutOfRange(field: "entity.id") }
        putVarint(UInt64(motion.id), &buffer)
        putZigzag(motion.x, &buffer)
        putZigzag(motion.y, &buffer)
        putZigzag(motion.vx, &buffer)
        putZigzag(motion.vy, &buffer)
        putU16(motion.heading, &buffer)
    }
}
