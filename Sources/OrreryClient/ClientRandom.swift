/// A small seeded random number generator (SplitMix64): the same seed gives the same draws on every run,
/// so reconnect jitter and bot behaviour are reproducible.
public struct ClientRandom: RandomNumberGenerator, Hashable, Sendable {
    private var state: UInt64

    /// A generator whose draws are determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
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
