/// Base64 with the standard alphabet of RFC 4648 section 4: padded encoding and strict decoding.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let padding = UInt8(ascii: "=")
    private static let invalid: UInt8 = 0xFF
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(value) }
        return table
    }()

    /// The padded base64 encoding of `bytes`.
    public static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        String(decoding: encodeToBytes(bytes), as: UTF8.self)
    }

    /// The padded base64 encoding of `bytes` as ASCII bytes.
    public static func encodeToBytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(second == nil ? padding : alphabet[Int(group >> 6 & 0x3F)])
            output.append(third == nil ? padding : alphabet[Int(group & 0x3F)])
        }
        return output
    }

    /// Decodes padded base64 text strictly: no whitespace, no missing or misplaced padding,
    /// no characters outside the alphabet, and zero padding bits.
    public static func decode(_ text: some StringProtocol) throws(Base64Error) -> [UInt8] {
        try decode(bytes: Array(text.utf8))
    }

    /// Decodes padded base64 ASCII bytes strictly (see ``decode(_:)``).
    public static func decode(bytes input: [UInt8]) throws(Base64Error) -> [UInt8] {
        guard input.count % 4 == 0 else { throw .invalidLength(input.count) }
        var paddingCount = 0
        if let last = input.last, last == padding {
            paddingCount = input[input.count - 2] == padding ? 2 : 1
        }
        var output = [UInt8]()
        output.reserveCapacity(input.count / 4 * 3 - paddingCount)
        var offset = 0
        while offset < input.count {
            var group: UInt32 = 0
            for position in offset..<(offset + 4) {
                let symbol = input[position]
                if symbol == padding {
                    guard position >= input.count - paddingCount else { throw .misplacedPadding(offset: position) }
                    group <<= 6
                    continue
                }
                let value = decodeTable[Int(symbol)]
                guard value != invalid else { throw .invalidCharacter(symbol, offset: position) }
                group = group << 6 | UInt32(value)
            }
            output.append(UInt8(truncatingIfNeeded: group >> 16))
            output.append(UInt8(truncatingIfNeeded: group >> 8))
            output.append(UInt8(truncatingIfNeeded: group))
            offset += 4
        }
        if paddingCount > 0 {
            let dropped = output.suffix(paddingCount)
            guard dropped.allSatisfy({ $0 == 0 }) else { throw .nonZeroPaddingBits }
            output.removeLast(paddingCount)
        }
        return output
    }
}
