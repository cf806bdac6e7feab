/// Rate-limits one player's inputs and tells a dropped input from sustained abuse.
///
/// Each input takes a token from a bucket; without one the input is dropped. A player whose drops exceed
/// `Policy.maximumDrops` within `Policy.dropWindowNanoseconds` is abusive: the caller should close the connection.
/// Once abusive, a limiter stays abusive. Time is monotonic nanoseconds passed to every call.
public struct InputLimiter: Sendable {
    /// The limits.
    public struct Policy: Sendable, Hashable {
        /// Sustained inputs per second.
        public var ratePerSecond: Double
        /// Inputs allowed in a burst.
        public var burst: Double
        /// Drops tolerated within the window; one more means abuse.
        public var maximumDrops: Int
        /// The sliding window over which drops are counted.
        public var dropWindowNanoseconds: UInt64

        /// Limits; the defaults allow 60 inputs per second with bursts of 120, and call more than 100 drops within
        /// 5 seconds abuse.
        public init(ratePerSecond: Double = 60, burst: Double = 120, maximumDrops: Int = 100,
                    dropWindowNanoseconds: UInt64 = 5_000_000_000) {
            precondition(maximumDrops > 0, "maximumDrops must be positive")
            self.ratePerSecond = ratePerSecond
            self.burst = burst
            self.maximumDrops = maximumDrops
            self.dropWindowNanoseconds = dropWindowNanoseconds
        }
    }

    /// What to do with one input.
    public enum Verdict: Sendable, Hashable {
        /// Apply it.
        case accept
        /// Ignore it (count it in `orrery_inputs_rate_limited_total`).
        case drop
        /// Ignore it and close the connection.
        case abuse
    }

    /// The limits in force.
    public let policy: Policy
    private var bucket: TokenBucket
    /// Times of the latest drops, oldest at `dropHead` once the ring is full.
    private var dropTimes: [UInt64] = []
    private var dropHead = 0
    /// Whether the player has been found abusive.
    public private(set) var isAbusive = false

    /// A limiter with a full bucket.
    public init(policy: Policy = Policy(), now: UInt64) {
        self.policy = policy
        bucket = TokenBucket(ratePerSecond: policy.ratePerSecond, burst: policy.burst, now: now)
    }

    /// Lets an abusive player send again (its session was resumed after a 1008) without a fresh start: the bucket
    /// keeps its level and the recent drops stay counted, so flooding again right away is abuse at the next drop,
    /// while a player that slowed down has its tokens back and its old drops aged out of the window.
    public mutating func forgiveAbuse() {
        isAbusive = false
    }

    /// The verdict on one input arriving at `now`.
    public mutating func admit(now: UInt64) -> Verdict {
        if isAbusive { return .abuse }
        if bucket.take(now: now) { return .accept }
        if dropTimes.count < policy.maximumDrops {
            dropTimes.append(now)
            return .drop
        }
        let oldest = dropTimes[dropHead]
        if now >= oldest, now - oldest < policy.dropWindowNanoseconds {
            isAbusive = true
            return .abuse
        }
        dropTimes[dropHead] = now
        dropHead = (dropHead + 1) % dropTimes.count
        return .drop
    }
}
