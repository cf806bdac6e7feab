import OrreryArena
import OrreryClient
import OrreryProxy
import OrreryServer
import Testing
import TestSupport

/// A client behind a 2 kB/s link in a busy universe: the server closes it as a slow consumer (4004, counted in
/// its metrics) once its pending outbound bytes pass the small cap, and releases the connection, instead of
/// holding ever more frames for it; a normal client beside it plays on undisturbed.
@Suite(.timeLimit(.minutes(2))) struct StarvedLinkTests {
    @Test func aStarvedClientTakesTheSlowConsumerPath() async throws {
        let rig = try LatencyRig {
            // About 12 kB/s of events for a player who sees the whole crowded world.
            $0.tickRate = 50
            $0.worldMetres = 400
            $0.viewRadiusMetres = 600
            $0.rules = ArenaRules.factory(asteroids: 50, npcs: 2000)
            // A keep-alive of 10 s: the starved client waits up to 30 s for its first (40 kB) frame before it
            // would give up on the connection itself.
            $0.policy.keepAliveTicks = 500
            $0.outboundCap = 16 * 1024
            $0.socketSendBuffer = 4096
        }
        let starved = try await rig.proxy(link: try LinkProfile(bytesPerSecond: 2000), seed: 2, queueLimit: 4096,
                                          socketReceiveBuffer: 4096)
        let normal = try await rig.bots(1, port: rig.server.port, firstSeed: 300)
        let slow = try await rig.bots(1, port: try await rig.port(of: starved), firstSeed: 400, checked: false,
                                  reconnects: false)
        let dropped = await eventually(.seconds(60)) { rig.counter(ServerMetrics.slowConsumersDropped) >= 1 }
        #expect(dropped, "the server never dropped the starved client")
        let seen = try await rig.reports(normal)[0].statistics.frames
        // Only the normal client's connection is left: the starved one's buffer is gone with it.
        let released = await eventually(.seconds(30)) {
            rig.server.metricsSnapshot().gauge(ServerMetrics.connections) == 1
        }
        #expect(released, "the starved client's connection was never released")
        _ = try await eventually(.seconds(20)) { try await rig.reports(normal)[0].statistics.frames > seen + 50 }
        let normalReport = try await rig.reports(normal)[0]
        let slowReport = try await rig.reports(slow)[0]
        let proxied = try await rig.statistics(of: starved)
        let drops = rig.counter(ServerMetrics.slowConsumersDropped)
        let sent = rig.counter(ServerMetrics.bytesSent)
        try await rig.finish(bots: normal + slow, proxies: [starved])
        print("latency starved link 2 kB/s: \(drops) slow consumer dropped, server sent \(sent) bytes in all; "
              + "starved bot \(slowReport.statistics.frames) frames, \(slowReport.statistics.bytes) bytes, "
              + "closes \(slowReport.statistics.closeCodes); normal bot \(normalReport.statistics.frames) frames; "
              + "proxy: \(proxied)")

        #expect(drops == 1)
        #expect(normalReport.problemCount == 0 && normalReport.statistics.checks.total == 0,
                "\(normalReport.problems + normalReport.statistics.checks.samples)")
        #expect(normalReport.statistics.frames > seen + 50 && normalReport.truthChecks > 0)
        #expect(normalReport.statistics.drops == 0 && normalReport.statistics.closeCodes.isEmpty)
        #expect(slowReport.problemCount == 0 && slowReport.statistics.checks.total == 0)
        // The proxy held at most its queue limit plus one read while the starved client lagged.
        #expect(proxied.readPauses > 0)
    }
}
