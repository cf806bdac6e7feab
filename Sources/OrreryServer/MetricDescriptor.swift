/// The declaration of one metric family: name, help text, type, label names and (for histograms) bucket bounds.
public struct MetricDescriptor: Sendable, Hashable {
    /// The family name, e.g. `orrery_ticks_total`.
    public let name: String
    /// One line for `# HELP`.
    public let help: String
    /// Counter, gauge or histogram.
    public let kind: MetricKind
    /// Label names, in the order label values are given when a series is registered.
    public let labelNames: [String]
    /// Histogram bucket upper bounds, strictly ascending, without `+Inf` (always added); empty for other kinds.
    public let buckets: [Double]

    /// A counter family.
    public static func counter(_ name: String, help: String, labels: [String] = []) -> MetricDescriptor {
        MetricDescriptor(name: name, help: help, kind: .counter, labelNames: labels, buckets: [])
    }

    /// A gauge family.
    public static func gauge(_ name: String, help: String, labels: [String] = []) -> MetricDescriptor {
        MetricDescriptor(name: name, help: help, kind: .gauge, labelNames: labels, buckets: [])
    }

    /// A histogram family with `buckets` (finite upper bounds, strictly ascending).
    public static func histogram(_ name: String, help: String, labels: [String] = [],
                                 buckets: [Double]) -> MetricDescriptor {
        precondition(!buckets.isEmpty && buckets.allSatisfy(\.isFinite)
                     && zip(buckets, buckets.dropFirst()).allSatisfy { $0 < $1 },
                     "histogram buckets must be finite and strictly ascending")
        return MetricDescriptor(name: name, help: help, kind: .histogram, labelNames: labels, buckets: buckets)
    }
}
