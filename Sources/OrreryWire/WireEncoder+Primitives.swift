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

    /// Zigzag-mapped signed 64-bit value as a varint (`z64`).
    static func putZigzag64(_ value: Int64, _ buffer: inout [UInt8]) {
        putVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), &buffer)
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

    /// Varint byte length, then the bytes (`bin`); text payloads must be valid UTF-8.
    static func putBinary(_ bytes: [UInt8], max: Int, text: Bool = false, field: String,
                          _ buffer: inout [UInt8]) throws(WireEncodingError) {
        guard bytes.count <= max, !text || String(validating: bytes, as: UTF8.self) != nil else {
            throw .valueOutOfRange(field: field)
        }
        putVarint(UInt64(bytes.count), &buffer)
        buffer.append(contentsOf: bytes)
    }

    /// A property value in the encoding its declared type fixes (`value`).
    static func putValue(_ value: WireValue, _ spec: WirePropertySpec,
                         _ buffer: inout [UInt8]) throws(WireEncodingError) {
        switch (value, spec.type) {
        case (.int(let number), .int): putZigzag64(number, &buffer)
        case (.string(let text), .string):
            try putString(text, allowEmpty: true, max: Int(spec.maxLength), field: spec.name, &buffer)
        case (.bytes(let bytes), .bytes): try putBinary(bytes, max: Int(spec.maxLength), field: spec.name, &buffer)
        default: throw .valueOutOfRange(field: spec.name)
        }
    }

    /// `n u8` then n × (`index u8`, `value`) by strictly ascending index below `specs.count`. An event's list
    /// (`isEvent`) has at least one pair; a record's or reset's lists only non-default values.
    static func putProperties(_ list: [WireProperty], _ specs: [WirePropertySpec], isEvent: Bool, field: String,
                              _ buffer: inout [UInt8]) throws(WireEncodingError) {
        guard list.count <= specs.count, !isEvent || !list.isEmpty else { throw .valueOutOfRange(field: field) }
        buffer.append(UInt8(list.count))
        var previous = -1
        for property in list {
            let index = Int(property.index)
            guard index > previous, index < specs.count, isEvent || !property.value.isDefault else {
                throw .valueOutOfRange(field: field + ".index")
            }
            previous = index
            buffer.append(property.index)
            try putValue(property.value, specs[index], &buffer)
        }
    }

    /// An entity record without tag (appeared event payload, reset record); version 2 appends its properties.
    static func putRecord(_ record: EntityRecord, _ dialect: WireDialect,
                          _ buffer: inout [UInt8]) throws(WireEncodingError) {
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
        if dialect.recordsCarryProperties {
            try putProperties(record.properties, dialect.properties(.entity), isEvent: false,
                              field: "entity.properties", &buffer)
        } else if !record.properties.isEmpty {
            throw dialect.isV2 ? .valueOutOfRange(field: "entity.properties")
                : .notInVersion("entity properties", version: dialect.version)
        }
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

    /// A message event payload without tag.
    static func putGameMessage(_ message: WireGameMessage, _ messages: [WireMessageSpec],
                               _ buffer: inout [UInt8]) throws(WireEncodingError) {
        buffer.append(message.scope.code)
        if case .entity(let id) = message.scope {
            guard id != 0 else { throw .valueOutOfRange(field: "message.entity") }
            putVarint(UInt64(id), &buffer)
        }
        guard Int(message.code) < messages.count else { throw .valueOutOfRange(field: "message.code") }
        buffer.append(message.code)
        try putBinary(message.payload, max: WireProtocol.maxMessagePayloadBytes,
                      text: messages[Int(message.code)].format == .text, field: "message.payload", &buffer)
    }
}
