import OrreryDigest
import OrreryWire

/// Makes resume tokens: 16 random bytes each, from the system's generator, or from a seed for reproducible tests.
public struct ResumeTokenSource: Sendable {
    private var seeded: SplitMix64?

    /// Tokens from the system's cryptographically secure generator.
    public init() {
        seeded = nil
    }

    /// Reproducible tokens from `seed` (tests only: they are guessable).
    public init(seed: UInt64) {
        seeded = SplitMix64(seed: seed)
    }

    /// A new token.
    public mutating func next() -> ResumeToken {
        guard var generator = seeded else {
            var system = SystemRandomNumberGenerator()
            return ResumeToken(low: system.next(), high: system.next())
        }
        let low = generator.next()
        let high = generator.next()
        seeded = generator
        return ResumeToken(low: low, high: high)
    }
}
