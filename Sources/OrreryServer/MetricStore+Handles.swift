extension MetricStore {
    /// A registered counter series of one store.
    public struct Counter: Sendable, Hashable {
        let slot: Int
    }

    /// A registered gauge series of one store.
    public struct Gauge: Sendable, Hashable {
        let slot: Int
    }

    /// A registered histogram series of one store.
    public struct Histogram: Sendable, Hashable {
        let slot: Int
    }
}
