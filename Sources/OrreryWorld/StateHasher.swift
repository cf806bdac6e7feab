/// A fast 64-bit hash over words, for the per-tick state hash of a journal (not cryptographic: it detects
/// divergence, it does not resist forgery). Each word is folded in with a multiply and a shift-xor, so the order
/// of the words matters.
struct StateHasher {
    private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

    mutating func combine(_ word: UInt64) {
        value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 29
    }

    mutating func combine<T: FixedWidthInteger>(_ word: T) {
        combine(UInt64(truncatingIfNeeded: word))
    }

    mutating func combine(bytes: some Sequence<UInt8>) {
        var word: UInt64 = 0
        var count: UInt64 = 0
        for byte in bytes {
            word = word << 8 | UInt64(byte)
            count &+= 1
            if count & 7 == 0 {
                combine(word)
                word = 0
            }
        }
        combine(word)
        combine(count)
    }

    mutating func combine(_ value: PropertyValue) {
        switch value {
        case .int(let number): combine(number)
        case .string(let text): combine(bytes: text.utf8)
        case .bytes(let data): combine(bytes: data)
        }
    }
}
