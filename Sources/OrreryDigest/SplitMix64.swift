/// SplitMix64: a tiny, fast, seeded generator and its mixing function. The one seeded generator of the
/// transport and its users (proxy jitter and cuts, WebSocket mask keys, resume tokens, client jitter), so a
/// seed fixes every draw. Not cryptographic.
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    @usableFromInline var state: UInt64

    /// Starts the sequence at `seed` (any value, 0 included).
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform integer in `0...bound` (unbiased enough for simulation: multiply-shift, no modulo).
    public mutating func next(upTo bound: UInt64) -> UInt64 {
        if bound == .max { return next() }
        return next().multipliedFullWidth(by: bound + 1).high
    }

    /// The SplitMix64 finalizer: a bijective 64-bit hash.
    @inlinable public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
