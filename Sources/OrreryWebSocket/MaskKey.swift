/// The 4-byte masking key of a client-to-server frame (RFC 6455 section 5.3).
public struct MaskKey: Hashable, Sendable {
    /// The key bytes in wire order, big-endian packed.
    public let value: UInt32

    /// A key from its wire-order packed value.
    public init(value: UInt32) { self.value = value }

    /// A key from its four bytes in wire order.
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) {
        value = UInt32(b0) << 24 | UInt32(b1) << 16 | UInt32(b2) << 8 | UInt32(b3)
    }

    /// A key drawn from `generator`.
    public static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> MaskKey {
        MaskKey(value: generator.next())
    }

    /// A key drawn from the system's random source.
    public static func random() -> MaskKey {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// The four key bytes in wire order.
    public var bytes: [UInt8] { [byte(0), byte(1), byte(2), byte(3)] }

    /// XORs `buffer[range]` with the key in place, where `buffer[range.lowerBound]` is payload byte
    /// number `offset` of its frame (so a payload may be unmasked piece by piece).
    public func apply(to buffer: inout [UInt8], range: Range<Int>, offset: UInt64) {
        var span = buffer.mutableSpan
        var index = range.lowerBound
        let end = range.upperBound
        var phase = Int(offset & 3)
        while phase != 0 && index < end {
            span[index] ^= byte(phase)
            phase = (phase + 1) & 3
            index += 1
        }
        let k0 = byte(0), k1 = byte(1), k2 = byte(2), k3 = byte(3)
        while end - index >= 4 {
            span[index] ^= k0
            span[index + 1] ^= k1
            span[index + 2] ^= k2
            span[index + 3] ^= k3
            index += 4
        }
        phase = 0
        while index < end {
            span[index] ^= byte(phase)
            phase += 1
            index += 1
        }
    }

    private func byte(_ position: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * position))
    }
}
