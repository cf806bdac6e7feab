/// The catch-up rule of a fixed-step tick timer: each firing runs one step, plus up to `maximumCatchUp` of the
/// periods the loop missed; the rest are skipped (the universe's clock falls behind wall time by that much). The
/// timer's deadlines themselves never drift (each is the previous one plus the period).
public struct TickPacer: Sendable {
    /// The most extra steps one firing may run.
    public let maximumCatchUp: Int
    /// Periods the loop fell behind by, in total (each is an overrun: the `orrery_tick_overruns_total` metric).
    public private(set) var overruns: UInt64 = 0
    /// Missed periods that were skipped without a step, in total.
    public private(set) var skipped: UInt64 = 0

    /// A pacer; `maximumCatchUp` must not be negative.
    public init(maximumCatchUp: Int = 2) {
        precondition(maximumCatchUp >= 0, "maximumCatchUp must not be negative")
        self.maximumCatchUp = maximumCatchUp
    }

    /// How many steps to run for a firing that reports `missedPeriods` skipped periods (at least 1).
    public mutating func steps(missedPeriods: Int) -> Int {
        let missed = max(missedPeriods, 0)
        let extra = min(missed, maximumCatchUp)
        overruns &+= UInt64(missed)
        skipped &+= UInt64(missed - extra)
        return 1 + extra
    }
}
