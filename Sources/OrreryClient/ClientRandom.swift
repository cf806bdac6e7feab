import OrreryDigest

/// A small seeded random number generator (SplitMix64): the same seed gives the same draws on every run,
/// so reconnect jitter and bot behaviour are reproducible.
public struct ClientRandom: RandomNumberGenerator, Hashable, Sendable {
    private var generator: SplitMix64

    /// A generator whose draws are determined by `seed`.
    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    public mutating func next() -> UInt64 {
        generator.next()
    }

    /// A uniform draw in 0..<1.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A seed for a derived generator number `index` (e.g. one per bot), well spread even for nearby indices.
    public static func derive(seed: UInt64, index: UInt64) -> UInt64 {
        var generator = ClientRandom(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        return generator.next()
    }
}
