import OrreryClient
import Testing

@Suite struct ClientToolsTests {
    @Test func backoffDoublesUpToTheCapAndJitterOnlyShortens() {
        let policy = ReconnectPolicy(initialDelay: .milliseconds(500), maximumDelay: .seconds(15), jitter: 0.5)
        #expect(policy.delay(attempt: 0, unit: 0) == .milliseconds(500))
        #expect(policy.delay(attempt: 1, unit: 0) == .seconds(1))
        #expect(policy.delay(attempt: 4, unit: 0) == .seconds(8))
        #expect(policy.delay(attempt: 5, unit: 0) == .seconds(15))
        #expect(policy.delay(attempt: 500, unit: 0) == .seconds(15))
        #expect(policy.delay(attempt: 1, unit: 1) == .milliseconds(500))
        #expect(policy.delay(attempt: 5, unit: 0.5) == .milliseconds(11_250))
        var random = ClientRandom(seed: 9)
        for attempt in 0..<10 {
            let delay = policy.delay(attempt: attempt, unit: random.unit())
            #expect(delay >= policy.delay(attempt: attempt, unit: 1) && delay <= policy.delay(attempt: attempt, unit: 0))
        }
    }

    @Test func seededRandomnessRepeats() {
        var first = ClientRandom(seed: 42), second = ClientRandom(seed: 42), other = ClientRandom(seed: 43)
        let a = (0..<5).map { _ in first.next() }
        #expect(a == (0..<5).map { _ in second.next() })
        #expect(a != (0..<5).map { _ in other.next() })
        #expect(ClientRandom.derive(seed: 1, index: 0) != ClientRandom.derive(seed: 1, index: 1))
        #expect((0..<100).allSatisfy { _ in (0..<1).contains(first.unit()) })
    }

    @Test func tickClockRunsAtTheTickRateAndNeverGoesBack() {
        var clock = TickClock(tickRate: 20)
        #expect(clock.estimate(at: 0) == nil)
        clock.observe(tick: 100, at: 1_000_000_000)
        #expect(clock.estimate(at: 1_500_000_000) == 110)
        // An older tick (a replayed frame, a slow pong) does not move the estimate.
        clock.observe(tick: 105, at: 1_500_000_000)
        #expect(clock.estimate(at: 1_500_000_000) == 110)
        // A tick ahead of the estimate re-anchors.
        clock.observe(tick: 120, at: 1_500_000_000)
        #expect(clock.estimate(at: 1_550_000_000) == 121)
        clock.setTickRate(10, at: 1_550_000_000)
        #expect(clock.estimate(at: 1_650_000_000) == 122)
    }

    @Test func latencyHistogramQuantilesAndMerging() {
        var histogram = LatencyHistogram()
        #expect(histogram.quantile(0.5) == nil)
        for value in 1...100 { histogram.record(microseconds: Int64(value) * 1000) }
        let median = histogram.quantile(0.5)!
        let tail = histogram.quantile(0.99)!
        #expect(abs(median - 50_000) <= 50_000 / 16)
        #expect(abs(tail - 99_000) <= 99_000 / 16)
        #expect(histogram.quantile(1) == 100_000)
        var small = LatencyHistogram()
        for value in 0..<16 { small.record(microseconds: Int64(value)) }
        #expect(small.quantile(0) == 0 && small.quantile(1) == 15)
        small.merge(histogram)
        #expect(small.count == 116 && small.maximum == 100_000)
    }

    @Test func inputsAreAcknowledgedWhenTheAppliedSeqReachesThem() {
        var tracker = InputLatencyTracker(capacity: 3)
        var histogram = LatencyHistogram()
        tracker.sent(1, at: 1_000_000)
        tracker.sent(2, at: 2_000_000)
        tracker.sent(3, at: 3_000_000)
        #expect(tracker.acknowledge(through: 2, at: 10_000_000, into: &histogram) == 2)
        #expect(histogram.count == 2 && histogram.maximum == 9000)
        #expect(tracker.acknowledge(through: 2, at: 11_000_000, into: &histogram) == 0)
        tracker.sent(4, at: 4_000_000)
        tracker.sent(5, at: 5_000_000)
        tracker.sent(6, at: 6_000_000)
        #expect(tracker.waiting == 3)
        #expect(tracker.acknowledge(through: 6, at: 7_000_000, into: &histogram) == 3)
        tracker.sent(7, at: 7_000_000)
        tracker.clear()
        #expect(tracker.waiting == 0)
    }

    @Test func gameAddresses() throws {
        let address = try GameAddress(parsing: "ws://127.0.0.1:8080/universes/demo")
        #expect(address.host == "127.0.0.1" && address.port == 8080 && address.universe == "demo")
        #expect(address.url(ticket: "v1.x").requestTarget == "/universes/demo?ticket=v1.x")
        #expect(address.description == "ws://127.0.0.1:8080/universes/demo")
        #expect(throws: GameAddressError.notAUniverse("ws://127.0.0.1:8080/play")) {
            try GameAddress(parsing: "ws://127.0.0.1:8080/play")
        }
        #expect(throws: GameAddressError.invalidUniverse("Demo")) { try GameAddress(parsing: "ws://h:1/universes/Demo") }
        #expect(throws: GameAddressError.invalidURL("http://h/universes/a")) { try GameAddress(parsing: "http://h/universes/a") }
        let server = try GameAddress.server(parsing: "ws://localhost:9000")
        #expect(server.host == "localhost" && server.port == 9000 && server.universe == nil)
        #expect(try GameAddress.server(parsing: "ws://localhost:9000/universes/alpha").universe == "alpha")
    }
}
