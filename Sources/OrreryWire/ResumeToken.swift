/// 16 opaque bytes the server hands out in welcome; a client presents it to resume a dropped session.
public struct ResumeToken: Hashable, Sendable {
    /// Bytes 0...7 as a little-endian integer.
    public var low: UInt64
    /// Bytes 8...15 as a little-endian integer.
    public var high: UInt64

    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Builds a token from exactly 16 bytes; nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == WireProtocol.resumeTokenBytes else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (offset, byte) in bytes.enumerated() {
            if offset < 8 {
                low |= UInt64(byte) << (8 * UInt64(offset))
            } else {
                high |= UInt64(byte) << (8 * UInt64(offset - 8))
            }
        }
        self.init(low: low, high: high)
    }

    /// The 16 bytes in wire order.
    public var bytes: [UInt8] {
        (0..<16).map { offset in
            let word = offset < 8 ? low : high
            return UInt8(truncatingIfNeeded: word >> (8 * UInt64(offset % 8)))
        }
    }
}
