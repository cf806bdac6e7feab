/// Turns the bytes a Redis server sends into `RedisValue`s, incrementally and without I/O.
///
/// Feed it whatever the socket delivered (`append`), then take every complete reply with `next()` until it
/// returns nil. A reply split over reads is resumed when more bytes arrive; the parser re-reads an incomplete
/// reply from its start only once the buffer holds at least as many bytes as the last attempt showed it needs,
/// so a large bulk string arriving in small reads is scanned once per header, not once per read. Lengths are
/// checked against the limits from the header, before the payload arrives. After an error the parser stays
/// failed: the byte stream has lost its framing.
public struct RedisReplyParser: Sendable {
    /// Limits on what one reply may announce.
    public struct Limits: Equatable, Sendable {
        /// Largest bulk string. Default 512 MiB, Redis's own `proto-max-bulk-len`: no real reply is larger.
        public var maxBulkLength: Int
        /// Most elements in one array, set, push or map (pairs). Default 16 Mi: a `KEYS *` on a big database
        /// stays parseable, a corrupt header cannot make the parser reserve gigabytes.
        public var maxElements: Int
        /// Deepest nesting of aggregates. Default 64: Lua tables and `EXEC` replies nest a few levels at most.
        public var maxDepth: Int
        /// Longest line (simple string, error, number) before its CRLF. Default 64 KiB.
        public var maxLineLength: Int

        public init(maxBulkLength: Int = 512 << 20, maxElements: Int = 16 << 20, maxDepth: Int = 64,
                    maxLineLength: Int = 64 << 10) {
            self.maxBulkLength = maxBulkLength
            self.maxElements = maxElements
            self.maxDepth = maxDepth
            self.maxLineLength = maxLineLength
        }
    }

    /// The limits this parser enforces.
    public let limits: Limits
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes (from `start`) the last incomplete attempt needed at least.
    private var needed = 1
    private var failure: RedisProtocolError?

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Bytes received but not yet returned as a reply.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Adds received bytes.
    public mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete reply, or nil until more bytes arrive.
    public mutating func next() throws(RedisProtocolError) -> RedisValue? {
        if let failure { throw failure }
        guard buffer.count - start >= needed else { return nil }
        var cursor = start
        do {
            switch try value(at: &cursor, depth: 0) {
            case .complete(let value):
                start = cursor
                needed = 1
                return value
            case .needs(let total):
                needed = max(total - start, buffer.count - start + 1)
                return nil
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// A parsed value, or the buffer length (absolute) needed before trying again.
    private enum Step {
        case complete(RedisValue)
        case needs(Int)
    }

    private func value(at cursor: inout Int, depth: Int) throws(RedisProtocolError) -> Step {
        guard cursor < buffer.count else { return .needs(cursor + 1) }
        let type = buffer[cursor]
        let lineStart = cursor + 1
        guard let line = try line(after: lineStart) else { return .needs(buffer.count + 1) }
        let text = { String(decoding: buffer[lineStart..<line.end], as: UTF8.self) }
        let body = line.next
        switch type {
        case UInt8(ascii: "+"):
            cursor = body
            return .complete(.simple(text()))
        case UInt8(ascii: "-"):
            cursor = body
            return .complete(.error(text()))
        case UInt8(ascii: ":"):
            guard let value = Int64(text()) else { throw .invalidInteger(text()) }
            cursor = body
            return .complete(.integer(value))
        case UInt8(ascii: "_"):
            guard line.end == lineStart else { throw .missingTerminator }
            cursor = body
            return .complete(.null)
        case UInt8(ascii: ","):
            guard let value = Self.double(text()) else { throw .invalidDouble(text()) }
            cursor = body
            return .complete(.double(value))
        case UInt8(ascii: "#"):
            let flag = text()
            guard flag == "t" || flag == "f" else { throw .invalidBoolean(flag) }
            cursor = body
            return .complete(.boolean(flag == "t"))
        case UInt8(ascii: "("):
            let digits = text()
            let unsigned = digits.first == "-" || digits.first == "+" ? digits.dropFirst() : digits[...]
            guard !unsigned.isEmpty, unsigned.allSatisfy(\.isASCII), unsigned.allSatisfy(\.isNumber) else {
                throw .invalidBigNumber(digits)
            }
            cursor = body
            return .complete(.bigNumber(digits))
        case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
            let length = try Self.length(text())
            guard length >= 0 else {
                cursor = body
                return .complete(.null)
            }
            guard length <= limits.maxBulkLength else { throw .bulkTooLong(length: length, limit: limits.maxBulkLength) }
            let end = body + length
            guard end + 2 <= buffer.count else { return .needs(end + 2) }
            guard buffer[end] == 13, buffer[end + 1] == 10 else { throw .missingTerminator }
            cursor = end + 2
            let bytes = Array(buffer[body..<end])
            if type == UInt8(ascii: "!") { return .complete(.error(String(decoding: bytes, as: UTF8.self))) }
            if type == UInt8(ascii: "$") { return .complete(.bulk(bytes)) }
            guard bytes.count >= 4, bytes[3] == UInt8(ascii: ":") else { throw .invalidVerbatim }
            return .complete(.verbatim(format: String(decoding: bytes[0..<3], as: UTF8.self), text: Array(bytes[4...])))
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "|"):
            let count = try Self.length(text())
            guard count >= 0 else {
                cursor = body
                return .complete(.null)
            }
            guard count <= limits.maxElements else { throw .tooManyElements(count: count, limit: limits.maxElements) }
            guard depth < limits.maxDepth else { throw .nestingTooDeep(limit: limits.maxDepth) }
            let isKeyed = type == UInt8(ascii: "%") || type == UInt8(ascii: "|")
            var position = body
            var elements: [RedisValue] = []
            elements.reserveCapacity(min(isKeyed ? count * 2 : count, 1024))
            for _ in 0..<(isKeyed ? count * 2 : count) {
                switch try value(at: &position, depth: depth + 1) {
                case .complete(let element): elements.append(element)
                case .needs(let total): return .needs(total)
                }
            }
            if type == UInt8(ascii: "|") {
                // An attribute annotates the reply that follows it; the reply is what the caller wants.
                let step = try value(at: &position, depth: depth)
                if case .complete = step { cursor = position }
                return step
            }
            cursor = position
            switch type {
            case UInt8(ascii: "~"): return .complete(.set(elements))
            case UInt8(ascii: ">"): return .complete(.push(elements))
            case UInt8(ascii: "%"):
                return .complete(.map(stride(from: 0, to: elements.count, by: 2).map {
                    RedisPair(key: elements[$0], value: elements[$0 + 1])
                }))
            default: return .complete(.array(elements))
            }
        default:
            throw .unknownType(type)
        }
    }

    /// Where the line starting at `from` ends (its CR) and the index after its LF; nil until the CRLF arrives.
    private func line(after from: Int) throws(RedisProtocolError) -> (end: Int, next: Int)? {
        let lastCR = min(buffer.count - 1, from + limits.maxLineLength + 1)
        var index = from
        while index < lastCR {
            if buffer[index] == 13 && buffer[index + 1] == 10 { return (index, index + 2) }
            index += 1
        }
        if buffer.count - from >= limits.maxLineLength + 2 { throw .lineTooLong(limit: limits.maxLineLength) }
        return nil
    }

    private static func length(_ text: String) throws(RedisProtocolError) -> Int {
        guard let value = Int(text), value >= -1 else { throw .invalidLength(text) }
        return value
    }

    private static func double(_ text: String) -> Double? {
        switch text {
        case "inf", "+inf": .infinity
        case "-inf": -.infinity
        case "nan", "-nan": .nan
        default: text.isEmpty || text.contains(where: { !$0.isASCII }) ? nil : Double(text)
        }
    }
}
