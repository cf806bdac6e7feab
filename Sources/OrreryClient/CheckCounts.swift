/// How many times each protocol check failed, plus the first few failures described.
public struct CheckCounts: Hashable, Sendable {
    /// Failures kept as text (the first ones only).
    public static let sampleLimit = 8
    private var counts = [UInt64](repeating: 0, count: CheckKind.allCases.count)
    /// Descriptions of the first failures, oldest first.
    public private(set) var samples: [String] = []

    public init() {}

    /// Failures of `kind`.
    public subscript(kind: CheckKind) -> UInt64 { counts[kind.rawValue] }

    /// Failures of every kind.
    public var total: UInt64 { counts.reduce(0, &+) }

    /// The kinds that failed at least once, with their counts, in declaration order.
    public var failures: [(kind: CheckKind, count: UInt64)] {
        CheckKind.allCases.compactMap { counts[$0.rawValue] > 0 ? ($0, counts[$0.rawValue]) : nil }
    }

    /// Counts one failure of `kind`; `detail` is kept while there are fewer than `sampleLimit` samples.
    public mutating func record(_ kind: CheckKind, _ detail: @autoclosure () -> String) {
        counts[kind.rawValue] &+= 1
        if samples.count < Self.sampleLimit { samples.append("\(kind): \(detail())") }
    }

    /// Adds `other`'s counts (and samples, up to the limit).
    public mutating func merge(_ other: CheckCounts) {
        for index in counts.indices { counts[index] &+= other.counts[index] }
        for sample in other.samples where samples.count < Self.sampleLimit { samples.append(sample) }
    }
}
