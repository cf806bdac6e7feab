/// What a timer callback is told about the firing it runs for.
public struct TimerFire: Equatable, Sendable {
    /// The deadline this firing was scheduled for (not the time it actually ran).
    public let deadline: MonotonicTime
    /// For repeating timers: how many later periods had also passed and were skipped (0 when on time).
    /// The next firing is `deadline + (missedPeriods + 1) × period`, so the schedule never drifts.
    public let missedPeriods: Int
}
