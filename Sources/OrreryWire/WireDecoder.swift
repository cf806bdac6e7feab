/// Decodes one message from a byte range. Never traps: every malformed input yields a `WireDecodingError`.
/// The whole range must be exactly one message (one WebSocket message). The dialect (version and schema) fixes
/// the layouts: a version-1 decoder treats version-2 messages and events as unknown; property values, message and
/// command codes are checked against the schema. Join, resume, welcome and schema carry what they need.
public struct WireDecoder {
    let bytes: ArraySlice<UInt8>
    /// Index in `bytes` of the next byte to read.
    var index: Int
    let dialect: WireDialect

    init(_ bytes: ArraySlice<UInt8>, dialect: WireDialect) {
        self.bytes = bytes
        self.dialect = dialect
        index = bytes.startIndex
    }

    /// Decodes a client→server message (what a server reads).
    public static func decodeClientMessage(_ bytes: ArraySlice<UInt8>,
                                           dialect: WireDialect = .v1) throws(WireDecodingError) -> ClientMessage {
        var decoder = WireDecoder(bytes, dialect: dialect)
        let message = try decoder.clientMessage()
        try decoder.expectEnd()
        return message
    }

    /// Decodes a client→server message from a whole array.
    public static func decodeClientMessage(_ bytes: [UInt8],
                                           dialect: WireDialect = .v1) throws(WireDecodingError) -> ClientMessage {
        try decodeClientMessage(bytes[...], dialect: dialect)
    }

    /// Decodes a server→client message (what a client reads).
    public static func decodeServerMessage(_ bytes: ArraySlice<UInt8>,
                                           dialect: WireDialect = .v1) throws(WireDecodingError) -> ServerMessage {
        var decoder = WireDecoder(bytes, dialect: dialect)
        let message = try decoder.serverMessage()
        try decoder.expectEnd()
        return message
    }

    /// Decodes a server→client message from a whole array.
    public static func decodeServerMessage(_ bytes: [UInt8],
                                           dialect: WireDialect = .v1) throws(WireDecodingError) -> ServerMessage {
        try decodeServerMessage(bytes[...], dialect: dialect)
    }

    /// Offset of the next byte from the message start.
    var offset: Int { index - bytes.startIndex }

    var remaining: Int { bytes.endIndex - index }

    func expectEnd() throws(WireDecodingError) {
        guard index == bytes.endIndex else { throw .trailingBytes(offset: offset) }
    }

    mutating func u8() throws(WireDecodingError) -> UInt8 {
        guard index < bytes.endIndex else { throw .truncated(offset: offset) }
        defer { index += 1 }
        return bytes[index]
    }

    /// Reads `width` bytes little-endian.
    mutating func fixed(_ width: Int) throws(WireDecodingError) -> UInt64 {
        guard remaining >= width else { throw .truncated(offset: offset) }
        var value: UInt64 = 0
        for byte in 0..<width {
            value |= UInt64(bytes[index + byte]) << (8 * UInt64(byte))
        }
        index += width
        return value
    }

    mutating func u16() throws(WireDecodingError) -> UInt16 {
        UInt16(truncatingIfNeeded: try fixed(2))
    }

    mutating func u64() throws(WireDecodingError) -> UInt64 {
        try fixed(8)
    }

    /// Unsigned LEB128 of at most `maxBytes` bytes whose value is at most `maxValue`, minimal length only.
    mutating func varint(maxBytes: Int = 10, maxValue: UInt64 = .max) throws(WireDecodingError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for position in 1...maxBytes {
            guard index < bytes.endIndex else { throw .truncated(offset: start) }
            let byte = bytes[index]
            index += 1
            let payload = UInt64(byte & 0x7F)
            guard shift < 63 || payload <= 1 else { throw .varintOverflow(offset: start) }
            value |= payload << shift
            if byte & 0x80 == 0 {
                guard position == 1 || byte != 0 else { throw .nonMinimalVarint(offset: start) }
                guard value <= maxValue else { throw .varintOverflow(offset: start) }
                return value
            }
            shift += 7
        }
        throw .varintOverflow(offset: start)
    }

    mutating func varint32() throws(WireDecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try varint(maxBytes: 5, maxValue: UInt64(UInt32.max)))
    }

    /// A varint32 that must also lie in `range`.
    mutating func varint32(in range: ClosedRange<UInt32>, field: String) throws(WireDecodingError) -> UInt32 {
        let start = offset
        let value = try varint32()
        guard range.contains(value) else { throw .valueOutOfRange(field: field, offset: start) }
        return value
    }

    /// A non-negative Int32 carried as a varint32 (sizes, radii) that must lie in `range`.
    mutating func size(in range: ClosedRange<Int32>, field: String) throws(WireDecodingError) -> Int32 {
        Int32(try varint32(in: UInt32(range.lowerBound)...UInt32(range.upperBound), field: field))
    }

    mutating func zigzag() throws(WireDecodingError) -> Int32 {
        let raw = try varint32()
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A varint byte length of at most `max`, then that many bytes of valid UTF-8.
    mutating func string(allowEmpty: Bool, max: Int, field: String) throws(WireDecodingError) -> String {
        let start = offset
        let count = Int(try varint32())
        guard count <= max, allowEmpty || count > 0 else { throw .valueOutOfRange(field: field, offset: start) }
        guard remaining >= count else { throw .truncated(offset: offset) }
        let stringStart = offset
        let utf8 = bytes[index..<(index + count)]
        index += count
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .invalidUTF8(offset: stringStart) }
        return text
    }

    /// A zigzag-mapped signed 64-bit value (`z64`).
    mutating func zigzag64() throws(WireDecodingError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A varint byte length of at most `max`, then that many bytes (`bin`); valid UTF-8 when `text`.
    mutating func binary(max: Int, text: Bool = false, field: String) throws(WireDecodingError) -> [UInt8] {
        let start = offset
        let count = Int(try varint32())
        guard count <= max else { throw .valueOutOfRange(field: field, offset: start) }
        guard remaining >= count else { throw .truncated(offset: offset) }
        let dataStart = offset
        let data = Array(bytes[index..<(index + count)])
        index += count
        guard !text || String(validating: data, as: UTF8.self) != nil else { throw .invalidUTF8(offset: dataStart) }
        return data
    }

    /// A property value typed by its declaration (`value`).
    mutating func value(_ spec: WirePropertySpec) throws(WireDecodingError) -> WireValue {
        switch spec.type {
        case .int: .int(try zigzag64())
        case .string: .string(try string(allowEmpty: true, max: Int(spec.maxLength), field: spec.name))
        case .bytes: .bytes(try binary(max: Int(spec.maxLength), field: spec.name))
        }
    }

    /// `n u8` (at most `specs.count`) then n × (`index u8`, `value`) by strictly ascending index below
    /// `specs.count`. An event's list (`isEvent`) has at least one pair; a record's or reset's lists only
    /// non-default values.
    mutating func properties(_ specs: [WirePropertySpec], isEvent: Bool,
                             field: String) throws(WireDecodingError) -> [WireProperty] {
        let countOffset = offset
        let count = Int(try u8())
        guard count <= specs.count, !isEvent || count > 0 else {
            throw .valueOutOfRange(field: field, offset: countOffset)
        }
        var list: [WireProperty] = []
        list.reserveCapacity(count)
        var previous = -1
        for _ in 0..<count {
            let indexOffset = offset
            let position = try u8()
            guard Int(position) > previous, Int(position) < specs.count else {
                throw .valueOutOfRange(field: field + ".index", offset: indexOffset)
            }
            previous = Int(position)
            let valueOffset = offset
            let value = try value(specs[Int(position)])
            guard isEvent || !value.isDefault else { throw .valueOutOfRange(field: field, offset: valueOffset) }
            list.append(WireProperty(index: position, value: value))
        }
        return list
    }

    mutating func token() throws(WireDecodingError) -> ResumeToken {
        guard remaining >= WireProtocol.resumeTokenBytes else { throw .truncated(offset: offset) }
        let low = try u64()
        let high = try u64()
        return ResumeToken(low: low, high: high)
    }

    /// Entity id, never 0.
    mutating func entityId() throws(WireDecodingError) -> UInt32 {
        try varint32(in: 1...UInt32.max, field: "entity.id")
    }
}
