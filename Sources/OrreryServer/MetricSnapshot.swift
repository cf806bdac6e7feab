/// Metric values copied out of one or more `MetricStore`s, merged by summing equal series.
public struct MetricSnapshot: Sendable {
    /// One histogram series' state.
    public struct HistogramValue: Sendable, Hashable {
        /// Observations per bucket, not cumulative: one per bound, then one for values above the last bound.
        public var bucketCounts: [UInt64]
        /// The sum of all observations.
        public var sum: Double
        /// The number of observations.
        public var count: UInt64

        /// A histogram state.
        public init(bucketCounts: [UInt64], sum: Double, count: UInt64) {
            self.bucketCounts = bucketCounts
            self.sum = sum
            self.count = count
        }
    }

    /// The families the series belong to.
    public let catalogue: MetricCatalogue
    /// Counter values by series.
    public private(set) var counters: [MetricSeriesKey: UInt64] = [:]
    /// Gauge values by series.
    public private(set) var gauges: [MetricSeriesKey: Int64] = [:]
    /// Histogram states by series.
    public private(set) var histograms: [MetricSeriesKey: HistogramValue] = [:]

    /// A snapshot with no series.
    public init(catalogue: MetricCatalogue) {
        self.catalogue = catalogue
    }

    /// The sum of `snapshots`, which must share `catalogue`.
    public init(merging snapshots: [MetricSnapshot], catalogue: MetricCatalogue) {
        self.init(catalogue: catalogue)
        for snapshot in snapshots { merge(snapshot) }
    }

    /// Adds every series of `other` (same catalogue) to this one.
    public mutating func merge(_ other: MetricSnapshot) {
        for (key, value) in other.counters { add(counter: key, value) }
        for (key, value) in other.gauges { add(gauge: key, value) }
        for (key, value) in other.histograms { add(histogram: key, value) }
    }

    /// Adds `value` to a counter series.
    public mutating func add(counter key: MetricSeriesKey, _ value: UInt64) {
        counters[key, default: 0] &+= value
    }

    /// Adds `value` to a gauge series.
    public mutating func add(gauge key: MetricSeriesKey, _ value: Int64) {
        gauges[key, default: 0] &+= value
    }

    /// Adds a histogram state to a series with the same buckets.
    public mutating func add(histogram key: MetricSeriesKey, _ value: HistogramValue) {
        guard var total = histograms[key] else {
            histograms[key] = value
            return
        }
        precondition(total.bucketCounts.count == value.bucketCounts.count, "histogram buckets differ")
        for index in total.bucketCounts.indices {
            total.bucketCounts[index] &+= value.bucketCounts[index]
        }
        total.sum += value.sum
        total.count &+= value.count
        histograms[key] = total
    }

    /// The value of a counter series, or `nil` if no store registered it.
    public func counter(_ descriptor: MetricDescriptor, labels: [String] = []) -> UInt64? {
        key(descriptor, labels).flatMap { counters[$0] }
    }

    /// The value of a gauge series, or `nil` if no store registered it.
    public func gauge(_ descriptor: MetricDescriptor, labels: [String] = []) -> Int64? {
        key(descriptor, labels).flatMap { gauges[$0] }
    }

    /// The state of a histogram series, or `nil` if no store registered it.
    public func histogram(_ descriptor: MetricDescriptor, labels: [String] = []) -> HistogramValue? {
        key(descriptor, labels).flatMap { histograms[$0] }
    }

    private func key(_ descriptor: MetricDescriptor, _ labels: [String]) -> MetricSeriesKey? {
        catalogue.index(of: descriptor.name).map { MetricSeriesKey(metric: $0, labelValues: labels) }
    }
}
