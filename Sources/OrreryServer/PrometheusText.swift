/// Renders a `MetricSnapshot` in the Prometheus text exposition format, version 0.0.4.
///
/// Families appear in catalogue order, each with `# HELP` and `# TYPE`, and series sorted by label values.
/// A family with labels but no registered series is left out; a family without labels always appears.
public enum PrometheusText {
    /// The `Content-Type` of the rendered text.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The exposition text of `snapshot`, ending with a newline.
    public static func render(_ snapshot: MetricSnapshot) -> String {
        var text = ""
        for (index, descriptor) in snapshot.catalogue.descriptors.enumerated() {
            let unlabelled = [MetricSeriesKey(metric: index, labelValues: [])]
            switch descriptor.kind {
            case .counter:
                scalarFamily(descriptor, index, snapshot.counters, default: unlabelled, into: &text)
            case .gauge:
                scalarFamily(descriptor, index, snapshot.gauges, default: unlabelled, into: &text)
            case .histogram:
                let keys = seriesKeys(snapshot.histograms.keys, index, descriptor, default: unlabelled)
                guard !keys.isEmpty else { continue }
                header(descriptor, into: &text)
                let empty = MetricSnapshot.HistogramValue(
                    bucketCounts: [UInt64](repeating: 0, count: descriptor.buckets.count + 1), sum: 0, count: 0)
                for key in keys {
                    histogram(descriptor, key.labelValues, snapshot.histograms[key] ?? empty, into: &text)
                }
            }
        }
        return text
    }

    /// `value` with backslash, double quote and newline escaped, for use inside a label value's quotes.
    public static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `value` as a Prometheus float: `+Inf`, `-Inf`, `NaN`, whole numbers without a fraction, else the shortest
    /// text that reads back the same (`0.25`, `5e-05`).
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func seriesKeys(_ keys: Dictionary<MetricSeriesKey, some Any>.Keys, _ index: Int,
                                   _ descriptor: MetricDescriptor,
                                   default unlabelled: [MetricSeriesKey]) -> [MetricSeriesKey] {
        if descriptor.labelNames.isEmpty { return unlabelled }
        return keys.filter { $0.metric == index }
            .sorted { $0.labelValues.lexicographicallyPrecedes($1.labelValues) }
    }

    /// A counter or gauge family: its header and one sample per series (0 for a series never recorded).
    private static func scalarFamily(_ descriptor: MetricDescriptor, _ index: Int,
                                     _ values: [MetricSeriesKey: some BinaryInteger],
                                     default unlabelled: [MetricSeriesKey], into text: inout String) {
        let keys = seriesKeys(values.keys, index, descriptor, default: unlabelled)
        guard !keys.isEmpty else { return }
        header(descriptor, into: &text)
        for key in keys {
            sample(descriptor.name, descriptor.labelNames, key.labelValues, String(values[key] ?? 0), into: &text)
        }
    }

    private static func header(_ descriptor: MetricDescriptor, into text: inout String) {
        var help = ""
        for scalar in descriptor.help.unicodeScalars {
            switch scalar {
            case "\\": help += "\\\\"
            case "\n": help += "\\n"
            default: help.unicodeScalars.append(scalar)
            }
        }
        text += "# HELP \(descriptor.name) \(help)\n# TYPE \(descriptor.name) \(descriptor.kind.rawValue)\n"
    }

    private static func histogram(_ descriptor: MetricDescriptor, _ labelValues: [String],
                                  _ value: MetricSnapshot.HistogramValue, into text: inout String) {
        let names = descriptor.labelNames + ["le"]
        var cumulative: UInt64 = 0
        for (bucket, count) in value.bucketCounts.enumerated() {
            cumulative &+= count
            let bound = bucket < descriptor.buckets.count ? format(descriptor.buckets[bucket]) : "+Inf"
            sample(descriptor.name + "_bucket", names, labelValues + [bound], String(cumulative), into: &text)
        }
        sample(descriptor.name + "_sum", descriptor.labelNames, labelValues, format(value.sum), into: &text)
        sample(descriptor.name + "_count", descriptor.labelNames, labelValues, String(value.count), into: &text)
    }

    private static func sample(_ name: String, _ labelNames: [String], _ labelValues: [String], _ value: String,
                               into text: inout String) {
        text += name
        if !labelNames.isEmpty {
            text += "{"
            for (position, (label, labelValue)) in zip(labelNames, labelValues).enumerated() {
                if position > 0 { text += "," }
                text += label + "=\"" + escapeLabelValue(labelValue) + "\""
            }
            text += "}"
        }
        text += " " + value + "\n"
    }
}
