import Testing
import OrreryServer

@Suite struct MetricsTests {
    static let requests = MetricDescriptor.counter("demo_requests_total", help: "Requests by path.", labels: ["path"])
    static let open = MetricDescriptor.gauge("demo_open", help: "Open things.\nSecond \\ line.")
    static let latency = MetricDescriptor.histogram("demo_latency_seconds", help: "Latency.", labels: ["op"],
                                                    buckets: [0.25, 0.5, 1])
    static let unused = MetricDescriptor.counter("demo_unused_total", help: "Never recorded.", labels: ["x"])
    static let catalogue = MetricCatalogue([requests, open, latency, unused])

    /// Two loops record into their own stores; the scrape merges and renders them.
    @Test func mergesStoresAndRendersExactly() {
        var first = MetricStore(catalogue: Self.catalogue)
        let firstA = first.counter(Self.requests, labels: ["/a"])
        let odd = first.counter(Self.requests, labels: ["quote\"back\\slash\nnl"])
        let firstOpen = first.gauge(Self.open)
        let firstRead = first.histogram(Self.latency, labels: ["read"])
        first.increment(firstA, by: 2)
        first.increment(odd)
        first.set(firstOpen, to: 3)
        first.observe(firstRead, 0.125)
        first.observe(firstRead, 0.5)

        var second = MetricStore(catalogue: Self.catalogue)
        let secondRead = second.histogram(Self.latency, labels: ["read"])
        let secondA = second.counter(Self.requests, labels: ["/a"])
        let secondOpen = second.gauge(Self.open)
        second.increment(secondA, by: 5)
        second.set(secondOpen, to: 5)
        second.add(secondOpen, -1)
        second.observe(secondRead, 2)
        second.observe(secondRead, 0.75)

        let merged = MetricSnapshot(merging: [first.snapshot(), second.snapshot()], catalogue: Self.catalogue)
        #expect(merged.counter(Self.requests, labels: ["/a"]) == 7)
        #expect(merged.gauge(Self.open) == 7)
        #expect(merged.histogram(Self.latency, labels: ["read"])?.count == 4)
        #expect(merged.counter(Self.unused, labels: ["y"]) == nil)
        #expect(PrometheusText.render(merged) == """
            # HELP demo_requests_total Requests by path.
            # TYPE demo_requests_total counter
            demo_requests_total{path="/a"} 7
            demo_requests_total{path="quote\\"back\\\\slash\\nnl"} 1
            # HELP demo_open Open things.\\nSecond \\\\ line.
            # TYPE demo_open gauge
            demo_open 7
            # HELP demo_latency_seconds Latency.
            # TYPE demo_latency_seconds histogram
            demo_latency_seconds_bucket{op="read",le="0.25"} 1
            demo_latency_seconds_bucket{op="read",le="0.5"} 2
            demo_latency_seconds_bucket{op="read",le="1"} 3
            demo_latency_seconds_bucket{op="read",le="+Inf"} 4
            demo_latency_seconds_sum{op="read"} 3.375
            demo_latency_seconds_count{op="read"} 4

            """)
    }

    @Test func handlesAreStableAndValuesReadable() {
        var store = MetricStore(catalogue: Self.catalogue)
        let a = store.counter(Self.requests, labels: ["/a"])
        #expect(store.counter(Self.requests, labels: ["/a"]) == a)
        #expect(store.counter(Self.requests, labels: ["/b"]) != a)
        store.increment(a)
        store.increment(a, by: 4)
        #expect(store.value(of: a) == 5)
    }

    @Test func removedGaugesDisappearAndComeBackAtZero() {
        var store = MetricStore(catalogue: ServerMetrics.catalogue)
        let alpha = store.gauge(ServerMetrics.universePlayers, labels: ["alpha"])
        store.set(alpha, to: 12)
        #expect(store.snapshot().gauge(ServerMetrics.universePlayers, labels: ["alpha"]) == 12)
        store.remove(alpha)
        #expect(store.snapshot().gauge(ServerMetrics.universePlayers, labels: ["alpha"]) == nil)
        #expect(!PrometheusText.render(store.snapshot()).contains("orrery_universe_players"))
        let again = store.gauge(ServerMetrics.universePlayers, labels: ["alpha"])
        #expect(again == alpha)
        #expect(store.value(of: again) == 0)
        #expect(PrometheusText.render(store.snapshot()).contains("orrery_universe_players{universe=\"alpha\"} 0\n"))
    }

    @Test func histogramBucketsIncludeTheirUpperBound() {
        var store = MetricStore(catalogue: Self.catalogue)
        let read = store.histogram(Self.latency, labels: ["read"])
        for value in [0.0, 0.25, 0.2500001, 1, 1.5] { store.observe(read, value) }
        #expect(store.snapshot().histogram(Self.latency, labels: ["read"])?.bucketCounts == [2, 1, 1, 1])
    }

    @Test func serverCatalogueRendersEveryLabelFreeFamily() {
        var store = MetricStore(catalogue: ServerMetrics.catalogue)
        let tick = store.histogram(ServerMetrics.tickDuration)
        store.observe(tick, 0.00004)
        store.observe(tick, 0.2)
        store.increment(store.counter(ServerMetrics.resumes, labels: ["replayed"]))
        let text = PrometheusText.render(store.snapshot())
        #expect(text.contains("# TYPE orrery_tick_duration_seconds histogram\n"))
        #expect(text.contains("orrery_tick_duration_seconds_bucket{le=\"5e-05\"} 1\n"))
        #expect(text.contains("orrery_tick_duration_seconds_bucket{le=\"0.1\"} 1\n"))
        #expect(text.contains("orrery_tick_duration_seconds_bucket{le=\"+Inf\"} 2\n"))
        #expect(text.contains("orrery_resumes_total{outcome=\"replayed\"} 1\n"))
        #expect(text.contains("orrery_connections 0\n"))
        #expect(text.contains("orrery_ticks_total 0\n"))
        #expect(!text.contains("orrery_protocol_errors_total"))
        for descriptor in ServerMetrics.catalogue.descriptors {
            #expect(descriptor.name.hasPrefix("orrery_"))
            #expect((descriptor.kind == .counter) == descriptor.name.hasSuffix("_total"), "\(descriptor.name)")
        }
        #expect(ServerMetrics.tickDurationBuckets.first == 0.00005)
        #expect(ServerMetrics.tickDurationBuckets.last == 0.1)
    }

    @Test func numberAndLabelFormatting() {
        #expect(PrometheusText.format(3) == "3")
        #expect(PrometheusText.format(-2) == "-2")
        #expect(PrometheusText.format(0.25) == "0.25")
        #expect(PrometheusText.format(0.00005) == "5e-05")
        #expect(PrometheusText.format(.infinity) == "+Inf")
        #expect(PrometheusText.format(-.infinity) == "-Inf")
        #expect(PrometheusText.format(.nan) == "NaN")
        #expect(PrometheusText.escapeLabelValue("a\\b\"c\nd\r\ne") == "a\\\\b\\\"c\\nd\r\\ne")
        #expect(PrometheusText.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }
}
