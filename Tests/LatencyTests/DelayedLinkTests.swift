import OrreryClient
import OrreryProxy
import OrreryServer
import Testing

/// 50 bots through a proxy adding 150 ms ± 50 ms each way, for 30 s: replicas exact, seqs contiguous, no failed
/// check; the input→ack latency is reported (about one round trip plus at most one tick).
@Suite(.timeLimit(.minutes(3))) struct DelayedLinkTests {
    @Test func fiftyBotsStayExactBehind150msEachWay() async throws {
        let (live, tally, proxied) = try await LatencyRig().play(
            50, through: try LinkProfile(delay: .milliseconds(150), jitter: .milliseconds(50)), seed: 150, for: .seconds(30))
        #expect(live, "not every bot was welcomed")
        print("latency 150 ms ± 50 ms each way, 30 s: \(tally.line); \(tally.frameGapLine); proxy: \(proxied)")

        #expect(tally.failures == 0, "\(tally.samples)")
        #expect(tally.reports.allSatisfy { $0.seqBreaks == 0 && $0.seqs > 0 && $0.truthChecks > 0 })
        #expect(tally.statistics.resumesReset == 0 && tally.statistics.fatalStops == 0)
        #expect(tally.statistics.joins == 50)
        // Every frame and reset was compared with the truth.
        #expect(tally.truthChecks == Int(tally.statistics.frames + tally.statistics.resets))
        // The round trip alone is at least 2 × (150 - 50) ms; the upper bound is only a sanity check.
        let inputs = tally.statistics.inputLatency
        #expect(tally.statistics.inputsAcknowledged > 1000 && inputs.count == tally.statistics.inputsAcknowledged)
        #expect(try #require(inputs.quantile(0.5)) > 200_000)
        #expect(try #require(inputs.quantile(0.99)) < 10_000_000)
        #expect(try #require(tally.statistics.roundTrip.quantile(0.5)) > 200_000)
        #expect(proxied.connectionsAccepted >= 50 && proxied.cuts == 0)
    }
}
