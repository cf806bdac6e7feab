/// A deterministic pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same sequence on every platform and toolchain; bounded draws use this type's own
/// algorithms (never the standard library's, whose algorithms may change between releases).
public struct SeededGenerator: RandomNumberGenerator, Equatable, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose whole state is derived from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var mix = seed
        s0 = SeededGenerator.splitMix64(&mix)
        s1 = SeededGenerator.splitMix64(&mix)
        s2 = SeededGenerator.splitMix64(&mix)
        s3 = SeededGenerator.splitMix64(&mix)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// A generator continuing from a saved state (`words`).
    init(words: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = words
    }

    /// The whole state, for a snapshot.
    var words: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// One SplitMix64 step: advances `state` and returns the mixed output.
    public static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform value in `0..<bound` (Lemire's multiply-shift with rejection); 0 when `bound` is 0.
    public mutating func next(below bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform value in the closed range.
    public mutating func next(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        if span == 0 { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: next(below: span))
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
