/// One event loop's metric values: plain arrays indexed by handles, so recording is an array update with no lock.
///
/// Each loop owns one store and records into it only from its own thread. Register series once (at start-up, or
/// when a universe appears) and keep the handle; at scrape time each loop hands over a `snapshot()` and the
/// snapshots are merged (summed) and rendered by `PrometheusText`. Handles are only valid for the store that
/// issued them. Series of families without labels are registered up front.
public struct MetricStore: Sendable {
    /// The families this store can record.
    public let catalogue: MetricCatalogue

    private var counterSlots: [MetricSeriesKey: Int] = [:]
    private var counterKeys: [MetricSeriesKey] = []
    private var counterValues: [UInt64] = []

    private var gaugeSlots: [MetricSeriesKey: Int] = [:]
    private var gaugeKeys: [MetricSeriesKey] = []
    private var gaugeValues: [Int64] = []
    private var gaugeLive: [Bool] = []

    private var histogramSlots: [MetricSeriesKey: Int] = [:]
    private var histogramKeys: [MetricSeriesKey] = []
    private var histogramBounds: [[Double]] = []
    /// Per series, one count per bound plus one for `+Inf` (not cumulative).
    private var histogramBucketCounts: [[UInt64]] = []
    private var histogramSums: [Double] = []
    private var histogramCounts: [UInt64] = []

    /// An empty store for `catalogue`, with every label-less series registered at zero.
    public init(catalogue: MetricCatalogue) {
        self.catalogue = catalogue
        for descriptor in catalogue.descriptors where descriptor.labelNames.isEmpty {
            switch descriptor.kind {
            case .counter: _ = counter(descriptor)
            case .gauge: _ = gauge(descriptor)
            case .histogram: _ = histogram(descriptor)
            }
        }
    }

    /// The handle of a counter series, registering it (at zero) the first time.
    public mutating func counter(_ descriptor: MetricDescriptor, labels: [String] = []) -> Counter {
        let key = seriesKey(descriptor, .counter, labels)
        if let slot = counterSlots[key] { return Counter(slot: slot) }
        counterSlots[key] = counterKeys.count
        counterKeys.append(key)
        counterValues.append(0)
        return Counter(slot: counterKeys.count - 1)
    }

    /// The handle of a gauge series, registering it (at zero) the first time or after `remove`.
    public mutating func gauge(_ descriptor: MetricDescriptor, labels: [String] = []) -> Gauge {
        let key = seriesKey(descriptor, .gauge, labels)
        if let slot = gaugeSlots[key] {
            gaugeLive[slot] = true
            return Gauge(slot: slot)
        }
        gaugeSlots[key] = gaugeKeys.count
        gaugeKeys.append(key)
        gaugeValues.append(0)
        gaugeLive.append(true)
        return Gauge(slot: gaugeKeys.count - 1)
    }

    /// The handle of a histogram series, registering it (empty) the first time.
    public mutating func histogram(_ descriptor: MetricDescriptor, labels: [String] = []) -> Histogram {
        let key = seriesKey(descriptor, .histogram, labels)
        if let slot = histogramSlots[key] { return Histogram(slot: slot) }
        histogramSlots[key] = histogramKeys.count
        histogramKeys.append(key)
        histogramBounds.append(descriptor.buckets)
        histogramBucketCounts.append([UInt64](repeating: 0, count: descriptor.buckets.count + 1))
        histogramSums.append(0)
        histogramCounts.append(0)
        return Histogram(slot: histogramKeys.count - 1)
    }

    /// Adds `amount` to a counter.
    @inline(__always)
    public mutating func increment(_ counter: Counter, by amount: UInt64 = 1) {
        counterValues[counter.slot] &+= amount
    }

    /// Sets a gauge.
    @inline(__always)
    public mutating func set(_ gauge: Gauge, to value: Int64) {
        gaugeValues[gauge.slot] = value
    }

    /// Adds `delta` (may be negative) to a gauge.
    @inline(__always)
    public mutating func add(_ gauge: Gauge, _ delta: Int64) {
        gaugeValues[gauge.slot] &+= delta
    }

    /// Records one observation (e.g. a duration in seconds).
    public mutating func observe(_ histogram: Histogram, _ value: Double) {
        let slot = histogram.slot
        var bucket = 0
        let bounds = histogramBounds[slot]
        while bucket < bounds.count, value > bounds[bucket] { bucket += 1 }
        histogramBucketCounts[slot][bucket] &+= 1
        histogramSums[slot] += value
        histogramCounts[slot] &+= 1
    }

    /// Stops exposing a gauge series (e.g. a universe that has shut down) and zeroes it. Registering the same
    /// labels again brings it back at zero, with the same handle.
    public mutating func remove(_ gauge: Gauge) {
        gaugeValues[gauge.slot] = 0
        gaugeLive[gauge.slot] = false
    }

    /// The current value of a counter.
    public func value(of counter: Counter) -> UInt64 { counterValues[counter.slot] }

    /// The current value of a gauge.
    public func value(of gauge: Gauge) -> Int64 { gaugeValues[gauge.slot] }

    /// A copy of every registered (and not removed) series, to merge with other loops' snapshots.
    public func snapshot() -> MetricSnapshot {
        var snapshot = MetricSnapshot(catalogue: catalogue)
        for (slot, key) in counterKeys.enumerated() {
            snapshot.add(counter: key, counterValues[slot])
        }
        for (slot, key) in gaugeKeys.enumerated() where gaugeLive[slot] {
            snapshot.add(gauge: key, gaugeValues[slot])
        }
        for (slot, key) in histogramKeys.enumerated() {
            snapshot.add(histogram: key, MetricSnapshot.HistogramValue(
                bucketCounts: histogramBucketCounts[slot], sum: histogramSums[slot], count: histogramCounts[slot]))
        }
        return snapshot
    }

    private func seriesKey(_ descriptor: MetricDescriptor, _ kind: MetricKind, _ labels: [String]) -> MetricSeriesKey {
        guard let metric = catalogue.index(of: descriptor.name), catalogue.descriptors[metric] == descriptor else {
            preconditionFailure("metric \(descriptor.name) is not in this store's catalogue")
        }
        precondition(descriptor.kind == kind, "metric \(descriptor.name) is a \(descriptor.kind), not a \(kind)")
        precondition(labels.count == descriptor.labelNames.count,
                     "metric \(descriptor.name) takes labels \(descriptor.labelNames), got \(labels)")
        return MetricSeriesKey(metric: metric, labelValues: labels)
    }
}
