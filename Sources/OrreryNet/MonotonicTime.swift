import OrreryPosix

/// A point on the monotonic clock, in nanoseconds. Deadlines and timer fires are expressed in it.
public struct MonotonicTime: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an arbitrary fixed point (CLOCK_MONOTONIC).
    public var nanoseconds: Int64

    /// Wraps a nanosecond reading.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Reads the monotonic clock.
    public static func now() -> MonotonicTime { MonotonicTime(nanoseconds: MonotonicClock.nanoseconds()) }

    public static func < (lhs: MonotonicTime, rhs: MonotonicTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The time `duration` later.
    public static func + (lhs: MonotonicTime, rhs: Duration) -> MonotonicTime {
        MonotonicTime(nanoseconds: lhs.nanoseconds + rhs.wholeNanoseconds)
    }

    /// The duration from `rhs` to `lhs`.
    public static func - (lhs: MonotonicTime, rhs: MonotonicTime) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    public var description: String { "\(nanoseconds)ns" }
}

extension Duration {
    /// This duration in whole nanoseconds (truncated).
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
