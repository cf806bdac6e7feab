/// Big-endian serialization of 32-bit words, the way SHA-1 and SHA-256 write their digests.
enum BigEndianWords {
    /// The bytes of `words`, most significant byte of each word first.
    static func bytes(_ words: some Collection<UInt32>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 4)
        for word in words {
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word))
        }
        return bytes
    }
}
