/// Bytes from the server that are not RESP, or exceed the parser's limits. The connection that saw one cannot
/// recover its framing and is closed (`RedisClient` counts it and reconnects).
public enum RedisProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The first byte of a value is not a RESP2/RESP3 type marker.
    case unknownType(UInt8)
    /// A length or count that is not a decimal integer of at least -1.
    case invalidLength(String)
    /// An `:` integer that does not fit 64 bits or is not decimal.
    case invalidInteger(String)
    /// A `,` double that is neither a decimal number nor `inf`/`-inf`/`nan`.
    case invalidDouble(String)
    /// A `#` boolean other than `t` or `f`.
    case invalidBoolean(String)
    /// A `(` big number that is not an optionally signed run of digits.
    case invalidBigNumber(String)
    /// A `=` verbatim string without its `xxx:` format prefix.
    case invalidVerbatim
    /// A bulk string or `_` null not followed by CRLF.
    case missingTerminator
    /// No CRLF within `limit` bytes of a line's start.
    case lineTooLong(limit: Int)
    /// A bulk string longer than the parser's limit (announced in its header, refused before the payload arrives).
    case bulkTooLong(length: Int, limit: Int)
    /// An aggregate announcing more elements than the parser's limit.
    case tooManyElements(count: Int, limit: Int)
    /// Aggregates nested deeper than the parser's limit.
    case nestingTooDeep(limit: Int)
    /// A reply arrived with no command waiting for it.
    case unsolicitedReply

    public var description: String {
        switch self {
        case .unknownType(let byte): "unknown RESP type byte 0x\(String(byte, radix: 16))"
        case .invalidLength(let text): "invalid RESP length '\(text)'"
        case .invalidInteger(let text): "invalid RESP integer '\(text)'"
        case .invalidDouble(let text): "invalid RESP double '\(text)'"
        case .invalidBoolean(let text): "invalid RESP boolean '\(text)' (expected t or f)"
        case .invalidBigNumber(let text): "invalid RESP big number '\(text)'"
        case .invalidVerbatim: "RESP verbatim string without its 'xxx:' format prefix"
        case .missingTerminator: "RESP value not followed by CRLF"
        case .lineTooLong(let limit): "RESP line without CRLF within \(limit) bytes"
        case .bulkTooLong(let length, let limit): "RESP bulk string of \(length) bytes exceeds the limit of \(limit)"
        case .tooManyElements(let count, let limit): "RESP aggregate of \(count) elements exceeds the limit of \(limit)"
        case .nestingTooDeep(let limit): "RESP aggregates nested deeper than \(limit)"
        case .unsolicitedReply: "RESP reply with no command waiting for it"
        }
    }
}
