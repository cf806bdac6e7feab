import OrreryClient
import OrreryProxy
import OrreryServer
import Testing

/// 20 bots behind 100 ms each way with 2 % of TCP segments lost, for 20 s: a lost segment stalls its stream for the
/// retransmission timeout (200 ms) and the frames held behind it arrive in one burst. Replicas stay exact, seqs
/// contiguous, inputs acknowledged; the frame-gap distribution shows the stalls (printed, not asserted on).
@Suite(.timeLimit(.minutes(2))) struct LossyLinkTests {
    @Test func twentyBotsStayExactThroughTwoPercentLoss() async throws {
        let (live, tally, proxied) = try await LatencyRig().play(
            20, through: try LinkProfile(delay: .milliseconds(100), loss: 0.02), seed: 2, firstSeed: 200, for: .seconds(20))
        #expect(live, "not every bot was welcomed")
        print("latency 100 ms each way, 2 % loss (RTO 200 ms), 20 s: \(tally.line); \(tally.frameGapLine); "
              + "proxy: \(proxied)")

        #expect(tally.failures == 0, "\(tally.samples)")
        #expect(tally.reports.allSatisfy { $0.seqBreaks == 0 && $0.seqs > 0 && $0.truthChecks > 0 })
        #expect(tally.truthChecks == Int(tally.statistics.frames + tally.statistics.resets))
        // Loss stalls the stream but loses nothing: no connection dropped, no session had to start over.
        #expect(tally.statistics.joins == 20 && tally.statistics.drops == 0 && tally.statistics.fatalStops == 0)
        #expect(tally.statistics.resumesReset == 0)
        let inputs = tally.statistics
        #expect(inputs.inputsAcknowledged > 500 && inputs.inputLatency.count == inputs.inputsAcknowledged)
        #expect(tally.reports.allSatisfy { $0.statistics.inputsAcknowledged > 0 })
        // The loss model really ran: seeded, so segments were lost in both directions of these connections.
        #expect(proxied.lostSegments > 0 && proxied.cuts == 0)
        #expect(tally.frameGaps.count > 0)
    }
}
