/// Incremental parser of an HTTP/1.1 message head (start line and header fields up to the blank
/// line), fed bytes as they arrive. Bounded: at most `maxBytes` bytes (terminator included) and
/// `maxHeaders` fields; bytes after the head are handed back untouched.
public struct HTTPHeadParser: Sendable {
    /// A complete head: the start line and its fields.
    public struct Head: Sendable, Equatable {
        /// Request line or status line, without CRLF.
        public let startLine: String
        /// Header fields, repeated names combined.
        public let headers: HTTPHeaders
    }

    /// Largest accepted head in bytes, including the final blank line.
    public let maxBytes: Int
    /// Most header fields accepted.
    public let maxHeaders: Int
    private var head: [UInt8] = []

    /// A parser with the given limits.
    public init(maxBytes: Int = 8192, maxHeaders: Int = 100) {
        self.maxBytes = maxBytes
        self.maxHeaders = maxHeaders
    }

    /// Adds received bytes. Returns nil while the head is incomplete; then the parsed head and the
    /// bytes of `bytes` that follow it.
    public mutating func append(_ bytes: ArraySlice<UInt8>) throws(HandshakeError) -> (Head, remainder: ArraySlice<UInt8>)? {
        let previous = head.count
        let taken = min(bytes.count, maxBytes - previous)
        head.append(contentsOf: bytes.prefix(taken))
        var index = max(previous - 3, 0) + 3
        while index < head.count {
            if head[index] == 0x0A && head[index - 1] == 0x0D && head[index - 2] == 0x0A && head[index - 3] == 0x0D {
                let end = index + 1
                let parsed = try parse(head[..<(end - 4)])
                head = []
                return (parsed, bytes.dropFirst(end - previous))
            }
            index += 1
        }
        if head.count >= maxBytes { throw .headTooLarge(limit: maxBytes) }
        return nil
    }

    private func parse(_ text: ArraySlice<UInt8>) throws(HandshakeError) -> Head {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == 0x0D && index + 1 < text.endIndex && text[index + 1] == 0x0A {
                lines.append(text[lineStart..<index])
                index += 2
                lineStart = index
            } else {
                index += 1
            }
        }
        lines.append(text[lineStart..<text.endIndex])
        guard lines.count - 1 <= maxHeaders else { throw .tooManyHeaders(limit: maxHeaders) }
        let startLine = lines[0]
        guard !startLine.isEmpty, startLine.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw .malformed("start line")
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformed("field without colon") }
            let name = line[line.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else { throw .malformed("field name") }
            let value = line[(colon + 1)...]
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw .malformed("control character in field value")
            }
            headers.add(name: String(decoding: name, as: UTF8.self),
                        value: HTTPHeaders.trim(Substring(String(decoding: value, as: UTF8.self))))
        }
        return Head(startLine: String(decoding: startLine, as: UTF8.self), headers: headers)
    }

    /// Whether `byte` is an RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
