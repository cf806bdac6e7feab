/// Token buckets per key (e.g. "handshakes per IP address per second") in a table of bounded size.
///
/// A key whose bucket has refilled completely is idle and can be forgotten without changing any decision;
/// `evictIdle(now:)` does that, and the table does it by itself when it is full. If it is full of busy keys, the
/// least recently seen key is forgotten (that scan is O(`maximumKeys`), and happens only at capacity).
public struct KeyedRateLimiter<Key: Hashable & Sendable>: Sendable {
    private struct Entry: Sendable {
        var bucket: TokenBucket
        var lastSeen: UInt64
    }

    /// Tokens per second for each key.
    public let ratePerSecond: Double
    /// Bucket size for each key.
    public let burst: Double
    /// The most keys remembered at once.
    public let maximumKeys: Int
    private var entries: [Key: Entry] = [:]

    /// An empty table. `maximumKeys` must be positive.
    public init(ratePerSecond: Double, burst: Double, maximumKeys: Int) {
        precondition(maximumKeys > 0, "maximumKeys must be positive")
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.maximumKeys = maximumKeys
    }

    /// The number of keys remembered.
    public var count: Int { entries.count }

    /// Whether `key` may act at `now` (monotonic nanoseconds); takes one token if so.
    public mutating func allow(_ key: Key, now: UInt64) -> Bool {
        if entries[key] == nil {
            if entries.count >= maximumKeys { makeRoom(now: now) }
            entries[key] = Entry(bucket: TokenBucket(ratePerSecond: ratePerSecond, burst: burst, now: now),
                                 lastSeen: now)
        }
        entries[key]!.lastSeen = max(entries[key]!.lastSeen, now)
        return entries[key]!.bucket.take(now: now)
    }

    /// Forgets every key whose bucket is full again at `now`; returns how many. Call it now and then (e.g. once a
    /// second) to keep the table small.
    @discardableResult
    public mutating func evictIdle(now: UInt64) -> Int {
        let before = entries.count
        entries = entries.filter { !$0.value.bucket.isFull(now: now) }
        return before - entries.count
    }

    /// Whether `key` is remembered (for tests and diagnostics).
    public func contains(_ key: Key) -> Bool { entries[key] != nil }

    private mutating func makeRoom(now: UInt64) {
        guard evictIdle(now: now) == 0 else { return }
        if let oldest = entries.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
            entries[oldest] = nil
        }
    }
}
