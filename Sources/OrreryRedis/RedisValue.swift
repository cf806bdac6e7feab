/// One reply from Redis, in RESP2 or RESP3 (the parser maps both onto this one type).
///
/// RESP2 has only the first six shapes; a RESP3 connection (`HELLO 3`) also sends doubles, booleans, maps, sets,
/// big numbers, verbatim strings and pushes. Attributes (`|`) are parsed and dropped: they annotate a reply.
public enum RedisValue: Equatable, Sendable, CustomStringConvertible {
    /// `+OK`: a short status line.
    case simple(String)
    /// `-ERR ...` or `!` (RESP3 blob error): an error reply. At the top level the client turns it into
    /// `RedisClientError.server`; inside an array (a script's table, `EXEC`) it stays a value.
    case error(String)
    /// `:42`
    case integer(Int64)
    /// `$5\r\nhello`: binary-safe bytes.
    case bulk([UInt8])
    /// `$-1`, `*-1` (RESP2) or `_` (RESP3): no value.
    case null
    /// `*2 ...`
    case array([RedisValue])
    /// `,3.14` (RESP3), including `inf`, `-inf` and `nan`.
    case double(Double)
    /// `#t` / `#f` (RESP3).
    case boolean(Bool)
    /// `(3492890328409238509324850943850943825024385` (RESP3), kept as its decimal digits.
    case bigNumber(String)
    /// `=15\r\ntxt:Some string` (RESP3): `format` is the three-letter type, `text` the bytes after the colon.
    case verbatim(format: String, text: [UInt8])
    /// `%2 ...` (RESP3): key-value pairs in the order Redis sent them.
    case map([RedisPair])
    /// `~3 ...` (RESP3)
    case set([RedisValue])
    /// `>3 ...` (RESP3): an out-of-band message (pub/sub, client tracking), not the reply to a command.
    case push([RedisValue])

    /// The text of a simple string, bulk string or verbatim string (UTF-8, invalid bytes repaired).
    public var string: String? {
        switch self {
        case .simple(let text): text
        case .bulk(let bytes), .verbatim(_, let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// An integer reply, or a bulk/simple string holding a decimal integer (Redis returns numbers both ways).
    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return string.flatMap { Int64($0) }
    }

    /// The elements of an array, set or push reply.
    public var elements: [RedisValue]? {
        switch self {
        case .array(let values), .set(let values), .push(let values): values
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .simple(let text): text
        case .error(let text): "(error) \(text)"
        case .integer(let value): "(integer) \(value)"
        case .bulk(let bytes): "\"\(String(decoding: bytes, as: UTF8.self))\""
        case .null: "(nil)"
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .double(let value): "(double) \(value)"
        case .boolean(let value): "(boolean) \(value)"
        case .bigNumber(let digits): "(big number) \(digits)"
        case .verbatim(let format, let text): "\(format):\(String(decoding: text, as: UTF8.self))"
        case .map(let pairs): "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .set(let values): "(set) [" + values.map(\.description).joined(separator: ", ") + "]"
        case .push(let values): "(push) [" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// One entry of a RESP3 map reply.
public struct RedisPair: Equatable, Sendable {
    public var key: RedisValue
    public var value: RedisValue

    public init(key: RedisValue, value: RedisValue) {
        self.key = key
        self.value = value
    }
}
