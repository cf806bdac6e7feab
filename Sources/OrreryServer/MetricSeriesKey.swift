/// Identifies one time series: a family (by its position in the catalogue) and its label values.
public struct MetricSeriesKey: Sendable, Hashable {
    /// The family's index in the `MetricCatalogue`.
    public let metric: Int
    /// Label values, in the order of the family's `labelNames`.
    public let labelValues: [String]

    /// The key of family `metric` with `labelValues`.
    public init(metric: Int, labelValues: [String]) {
        self.metric = metric
        self.labelValues = labelValues
    }
}
