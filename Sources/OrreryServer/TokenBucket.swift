/// A token bucket: holds up to `burst` tokens, refills at `ratePerSecond`, and each admitted action takes tokens.
///
/// Kept exactly in integer nanoseconds (the "generic cell rate algorithm" form): the bucket remembers when it will
/// be full again, so there is no rounding drift however often it is used. Time is a monotonic clock reading in
/// nanoseconds passed to every call; a reading earlier than a previous one never adds tokens. A new bucket is full.
public struct TokenBucket: Sendable {
    /// Tokens added per second.
    public let ratePerSecond: Double
    /// The most tokens the bucket holds.
    public let burst: Double
    /// Nanoseconds to refill one token.
    private let interval: UInt64
    /// Nanoseconds to refill from empty to full.
    private let capacity: UInt64
    /// When the bucket is full again (at or before now when it is full).
    private var fullAt: UInt64

    /// A full bucket. `ratePerSecond` must be positive (at most 10⁹) and `burst` at least 1.
    public init(ratePerSecond: Double, burst: Double, now: UInt64) {
        precondition(ratePerSecond > 0 && ratePerSecond <= 1e9, "rate must be positive and at most 1e9 per second")
        precondition(burst >= 1 && burst <= 1e9, "burst must be from 1 to 1e9")
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        interval = UInt64((1e9 / ratePerSecond).rounded())
        capacity = UInt64((burst * Double(interval)).rounded())
        fullAt = now
    }

    /// Takes `count` tokens if the bucket holds that many at `now`; returns whether it did.
    public mutating func take(_ count: Double = 1, now: UInt64) -> Bool {
        let cost = UInt64((count * Double(interval)).rounded())
        let (full, overflow) = max(fullAt, now).addingReportingOverflow(cost)
        guard !overflow, full - now <= capacity else { return false }
        fullAt = full
        return true
    }

    /// The tokens available at `now`.
    public func available(now: UInt64) -> Double {
        let missing = fullAt > now ? fullAt - now : 0
        return Double(capacity - min(capacity, missing)) / Double(interval)
    }

    /// Whether the bucket is full at `now` (so it is no different from a new one).
    public func isFull(now: UInt64) -> Bool {
        fullAt <= now
    }
}
