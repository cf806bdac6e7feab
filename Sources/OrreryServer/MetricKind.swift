/// The Prometheus type of a metric, as written on its `# TYPE` line.
public enum MetricKind: String, Sendable, Hashable {
    /// A count that only goes up (resets when the process restarts).
    case counter
    /// A value that goes up and down.
    case gauge
    /// Observations counted into cumulative buckets, with their sum and count.
    case histogram
}
