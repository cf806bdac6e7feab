import OrreryClient
import OrreryProxy
import OrreryServer
import Testing
import TestSupport

/// 20 bots through a proxy that cuts every connection every few seconds: each bot resumes, again and again, and
/// never misses an event (seqs contiguous across resumes, replica exact right after resuming).
@Suite(.timeLimit(.minutes(2))) struct CutLinkTests {
    @Test func everyBotResumesWithoutMissingAnEvent() async throws {
        let rig = try LatencyRig()
        let proxy = try await rig.proxy(link: try LinkProfile(delay: .milliseconds(20), jitter: .milliseconds(10)),
                                        cuts: CutSchedule(every: .seconds(3)), seed: 3)
        let bots = try await rig.bots(20, port: try await rig.port(of: proxy), firstSeed: 100)
        let live = try await rig.waitUntilLive(bots)
        #expect(live, "not every bot was welcomed")
        try await Task.sleep(for: .seconds(15))
        let tally = BotTally(try await rig.reports(bots))
        let proxied = try await rig.statistics(of: proxy)
        let counted = await eventually(.seconds(5)) {
            rig.counter(ServerMetrics.resumes, ["replayed"]) >= tally.statistics.resumes
        }
        let rejected = rig.counter(ServerMetrics.resumes, ["rejected"])
        try await rig.finish(bots: bots, proxies: [proxy])
        print("latency cuts every 3 s, 15 s: \(tally.line); proxy: \(proxied)")

        #expect(tally.failures == 0, "\(tally.samples)")
        #expect(tally.reports.allSatisfy { $0.seqBreaks == 0 && $0.truthChecks > 0 })
        // Every bot was cut and came back to its own session with the frames it missed, not a reset.
        #expect(tally.reports.allSatisfy { $0.statistics.resumes >= 1 && $0.statistics.joins == 1 })
        #expect(tally.statistics.resumesReset == 0 && tally.statistics.resumesRejected == 0)
        #expect(tally.statistics.fatalStops == 0)
        #expect(tally.truthChecks == Int(tally.statistics.frames + tally.statistics.resets))
        #expect(proxied.cuts >= 20)
        // The server replayed every resume (the swarm's own count may still be below the server's).
        #expect(counted && rejected == 0)
    }
}
