import OrreryWire

/// Makes resume tokens: 16 random bytes each, from the system's generator, or from a seed for reproducible tests.
public struct ResumeTokenSource: Sendable {
    private var state: UInt64?

    /// Tokens from the system's cryptographically secure generator.
    public init() {
        state = nil
    }

    /// Reproducible tokens from `seed` (tests only: they are guessable).
    public init(seed: UInt64) {
        state = seed
    }

    /// A new token.
    public mutating func next() -> ResumeToken {
        guard var seeded = state else {
            var system = SystemRandomNumberGenerator()
            return ResumeToken(low: system.next(), high: system.next())
        }
        let low = Self.splitMix(&seeded)
        let high = Self.splitMix(&seeded)
        state = seeded
        return ResumeToken(low: low, high: high)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
