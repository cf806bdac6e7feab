/// Incremental UTF-8 validator (RFC 3629): rejects overlong forms, surrogates (U+D800-U+DFFF),
/// code points above U+10FFFF and stray continuation bytes as soon as the offending byte is seen.
/// A sequence cut at the end of a message is caught by checking ``isAtCharacterBoundary``.
public struct UTF8Validator: Sendable {
    private var remaining: UInt8 = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var failed = false

    /// A validator at the start of a text.
    public init() {}

    /// Whether every byte so far was valid and no multi-byte sequence is left open.
    public var isAtCharacterBoundary: Bool { remaining == 0 && !failed }

    /// Whether all bytes in `bytes` are valid UTF-8.
    public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(bytes) && validator.isAtCharacterBoundary
    }

    /// Whether all bytes in `bytes` are valid UTF-8.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        isValid(bytes[...])
    }

    /// Validates the next bytes of the text. Returns false as soon as an invalid byte is found;
    /// once invalid, it stays invalid until ``reset()``.
    public mutating func validate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !failed else { return false }
        let span = bytes.span
        let count = span.count
        var index = 0
        while index < count {
            let byte = span[index]
            index += 1
            if remaining == 0 {
                if byte < 0x80 {
                    while index < count && span[index] < 0x80 { index += 1 }
                    continue
                }
                switch byte {
                case 0xC2...0xDF: expect(1, 0x80, 0xBF)
                case 0xE0: expect(2, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: expect(2, 0x80, 0xBF)
                case 0xED: expect(2, 0x80, 0x9F)
                case 0xF0: expect(3, 0x90, 0xBF)
                case 0xF1...0xF3: expect(3, 0x80, 0xBF)
                case 0xF4: expect(3, 0x80, 0x8F)
                default:
                    failed = true
                    return false
                }
            } else {
                guard byte >= lower && byte <= upper else {
                    failed = true
                    return false
                }
                expect(remaining - 1, 0x80, 0xBF)
            }
        }
        return true
    }

    /// Validates the next bytes of the text (array form of the slice overload).
    public mutating func validate(_ bytes: [UInt8]) -> Bool {
        validate(bytes[...])
    }

    /// Starts over for a new text.
    public mutating func reset() {
        self = UTF8Validator()
    }

    private mutating func expect(_ count: UInt8, _ low: UInt8, _ high: UInt8) {
        remaining = count
        lower = low
        upper = high
    }
}
