/// Why bytes are not a valid message. Offsets count from the message's first byte.
public enum WireDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message ended inside the field starting at `offset`.
    case truncated(offset: Int)
    /// Bytes remain after a complete message, starting at `offset`.
    case trailingBytes(offset: Int)
    /// A varint at `offset` has a redundant final zero group.
    case nonMinimalVarint(offset: Int)
    /// A varint at `offset` is longer than its type allows or its value does not fit.
    case varintOverflow(offset: Int)
    /// The first byte is not a message type this side accepts.
    case unknownMessageType(UInt8)
    /// An event at `offset` has an unknown tag.
    case unknownEventTag(UInt8, offset: Int)
    /// The field at `offset` holds a value the protocol does not allow.
    case valueOutOfRange(field: String, offset: Int)
    /// A count at `offset` declares more records than the remaining bytes could hold.
    case countExceedsData(count: UInt64, offset: Int)
    /// A string at `offset` is not valid UTF-8.
    case invalidUTF8(offset: Int)

    /// The error's kind as named in Protocol/vectors/invalid.tsv.
    public var kind: String {
        switch self {
        case .truncated: "truncated"
        case .trailingBytes: "trailing-bytes"
        case .nonMinimalVarint: "non-minimal-varint"
        case .varintOverflow: "varint-overflow"
        case .unknownMessageType: "unknown-message-type"
        case .unknownEventTag: "unknown-event-tag"
        case .valueOutOfRange: "value-out-of-range"
        case .countExceedsData: "count-exceeds-data"
        case .invalidUTF8: "invalid-utf8"
        }
    }

    public var description: String {
        switch self {
        case .truncated(let offset): "message truncated in field at byte \(offset)"
        case .trailingBytes(let offset): "unexpected bytes after the message at byte \(offset)"
        case .nonMinimalVarint(let offset): "non-minimal varint at byte \(offset)"
        case .varintOverflow(let offset): "varint too long or too large at byte \(offset)"
        case .unknownMessageType(let type): "unknown message type \(type)"
        case .unknownEventTag(let tag, let offset): "unknown event tag \(tag) at byte \(offset)"
        case .valueOutOfRange(let field, let offset): "value out of range in \(field) at byte \(offset)"
        case .countExceedsData(let count, let offset): "count \(count) at byte \(offset) exceeds the data"
        case .invalidUTF8(let offset): "invalid UTF-8 in string at byte \(offset)"
        }
    }
}
