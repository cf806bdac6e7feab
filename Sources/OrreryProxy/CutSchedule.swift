import OrreryDigest

/// When connections are cut: never, or each one after its own seeded interval around a mean.
public struct CutSchedule: Equatable, Sendable {
    /// Never cut.
    public static let never = CutSchedule(meanNanoseconds: nil)

    /// The mean interval in nanoseconds, or `nil` for never.
    public let meanNanoseconds: Int64?

    private init(meanNanoseconds: Int64?) { self.meanNanoseconds = meanNanoseconds }

    /// Cuts each connection after a uniform draw in `[every / 2, 3 × every / 2]`; `every` must be positive.
    public init(every: Duration) {
        precondition(every > .zero, "a cut interval must be positive")
        let (seconds, attoseconds) = every.components
        self.init(meanNanoseconds: max(1, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }

    /// How long after it is accepted the connection with cut seed `seed` is cut (see
    /// `ConnectionSeeds.cut`), or `nil` for never. The same seed always gives the same interval.
    public func cutAfter(seed: UInt64) -> Duration? {
        guard let mean = meanNanoseconds else { return nil }
        var generator = SplitMix64(seed: seed)
        let low = mean - mean / 2
        let high = mean + mean / 2
        return .nanoseconds(low + Int64(generator.next(upTo: UInt64(high - low))))
    }
}
