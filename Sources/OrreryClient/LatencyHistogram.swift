/// Latencies in microseconds, in logarithmic buckets (16 per power of two: values below 16 µs are exact,
/// larger ones within about 6 %), so histograms of many connections merge by addition.
public struct LatencyHistogram: Hashable, Sendable {
    static let subBuckets = 16
    static let bucketCount = 38 * subBuckets
    private var buckets: [UInt64]
    /// The lowest and highest bucket holding a sample (merges and quantiles look only between them).
    private var lowest = Int.max
    private var highest = -1
    /// Samples recorded.
    public private(set) var count: UInt64 = 0
    /// The largest sample, 0 when empty.
    public private(set) var maximum: Int64 = 0

    public init() {
        buckets = []
    }

    /// Records one latency (negative values count as 0).
    public mutating func record(microseconds: Int64) {
        if buckets.isEmpty { buckets = [UInt64](repeating: 0, count: Self.bucketCount) }
        let value = max(0, microseconds)
        let index = Self.index(of: value)
        buckets[index] &+= 1
        lowest = min(lowest, index)
        highest = max(highest, index)
        count &+= 1
        maximum = max(maximum, value)
    }

    /// Adds every sample of `other`.
    public mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0 else { return }
        if buckets.isEmpty { buckets = [UInt64](repeating: 0, count: Self.bucketCount) }
        for index in other.lowest...other.highest { buckets[index] &+= other.buckets[index] }
        lowest = min(lowest, other.lowest)
        highest = max(highest, other.highest)
        count &+= other.count
        maximum = max(maximum, other.maximum)
    }

    /// The value at quantile `q` (0...1) in microseconds: the middle of the bucket holding that rank, never above
    /// the maximum; nil when empty.
    public func quantile(_ q: Double) -> Int64? {
        guard count > 0 else { return nil }
        let rank = UInt64((min(max(q, 0), 1) * Double(count - 1)).rounded(.down)) + 1
        var seen: UInt64 = 0
        for index in lowest...highest {
            seen += buckets[index]
            if seen >= rank { return min(Self.middle(of: index), maximum) }
        }
        return maximum
    }

    /// The bucket of `value` (≥ 0).
    static func index(of value: Int64) -> Int {
        if value < Int64(subBuckets) { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount
        let sub = Int((value >> (exponent - 4)) & 15)
        return min((exponent - 3) * subBuckets + sub, bucketCount - 1)
    }

    /// The middle value of bucket `index`.
    static func middle(of index: Int) -> Int64 {
        if index < subBuckets { return Int64(index) }
        let exponent = index / subBuckets + 3
        let lower = Int64(subBuckets + index % subBuckets) << (exponent - 4)
        return lower + (Int64(1) << (exponent - 4)) / 2
    }
}
