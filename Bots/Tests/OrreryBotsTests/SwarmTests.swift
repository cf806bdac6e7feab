import Foundation
import OrreryArena
import OrreryBots
import OrreryClient
import OrreryServer
import Testing

/// Swarms against an in-process relay on a free port.
@Suite(.serialized) struct SwarmTests {
    func server(_ universes: [String]) throws -> RelayServer {
        var configuration = RelayConfiguration()
        configuration.port = 0
        configuration.loops = 1
        configuration.universes = universes
        configuration.worldMetres = 600
        configuration.rules = ArenaRules.factory(asteroids: 60, npcs: 12)
        configuration.policy.maximumPlayers = 500
        configuration.maximumConnectionsPerIP = 10_000
        configuration.handshakesPerIPPerSecond = 100_000
        configuration.pingIntervalSeconds = 0
        return try RelayServer(configuration: configuration, logger: Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in }))
    }

    @Test func twentyBotsOfEachBehaviourPlayWithoutAFailedCheck() throws {
        let relay = try server(["alpha", "beta"])
        defer { relay.shutdown(timeout: .seconds(2)) }
        var configuration = SwarmConfiguration(host: "127.0.0.1", port: relay.port, universes: ["alpha", "beta"],
                                               count: 80, behaviors: [.wander, .chase, .idle, .churn])
        configuration.rampPerSecond = 400
        configuration.seed = 11
        configuration.loops = 2
        let swarm = try Swarm(configuration: configuration)
        swarm.start()
        // Wait (a hang guard, not a timing assertion) until every bot was welcomed, then let them play 4 s.
        for _ in 0..<3000 where swarm.snapshot().welcomed < 80 { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 4)
        let result = swarm.stop()
        let statistics = result.statistics
        #expect(result.passed, "\(SwarmReport.summary(result, configuration: configuration))")
        #expect(result.failedChecks == 0 && statistics.checks.samples.isEmpty)
        #expect(result.started == 80 && result.welcomed == 80 && result.neverLive == 0 && statistics.fatalStops == 0)
        #expect(statistics.joins >= 80)
        #expect(statistics.frames > 80 && statistics.inputsAcknowledged > 0)
        #expect(statistics.inputLatency.count == statistics.inputsAcknowledged)
        #expect(statistics.plannedDisconnects > 0 && statistics.resumes > 0 && statistics.resumesRejected == 0)
        for behavior in BotBehavior.allCases {
            let part = try #require(result.byBehavior[behavior])
            #expect(part.frames > 0)
            #expect((part.inputsSent == 0) == (behavior == .idle))
        }
        let summary = SwarmSummary(result)
        #expect(summary.passed && summary.failedChecks == 0 && summary.bots == 80)
        let json = try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any]
        #expect(json?["passed"] as? Bool == true)
        #expect((json?["checks"] as? [String: Any])?.count == CheckKind.allCases.count)
    }

    @Test func botsRefusedByTheServerFailTheRun() throws {
        let relay = try server(["alpha"])
        defer { relay.shutdown(timeout: .seconds(2)) }
        let configuration = SwarmConfiguration(host: "127.0.0.1", port: relay.port, universes: ["missing"], count: 2,
                                               behaviors: [.idle])
        let swarm = try Swarm(configuration: configuration)
        swarm.start()
        var snapshot = swarm.snapshot()
        for _ in 0..<500 where snapshot.statistics.fatalStops < 2 {
            Thread.sleep(forTimeInterval: 0.01)
            snapshot = swarm.snapshot()
        }
        let result = swarm.stop()
        #expect(!result.passed)
        #expect(result.statistics.fatalStops == 2 && result.everyBotStopped)
        #expect(result.stopReasons == ["the server refused the upgrade with HTTP 404: no such universe on this server (GET /universes lists them)": 2])
        #expect(SwarmReport.summary(result, configuration: configuration).hasSuffix(
            "FAILED: 2 bots stopped on their own, no bot was welcomed (the server refused the upgrade with HTTP 404: "
                + "no such universe on this server (GET /universes lists them))"))
    }

    @Test func aSwarmThatNeverGetsInFails() throws {
        var configuration = SwarmConfiguration(host: "127.0.0.1", port: 1, universes: ["alpha"], count: 3,
                                               behaviors: [.wander])
        configuration.reconnect = ReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(50))
        let swarm = try Swarm(configuration: configuration)
        swarm.start()
        for _ in 0..<1000 where swarm.snapshot().statistics.connectFailures < 6 { Thread.sleep(forTimeInterval: 0.01) }
        let result = swarm.stop()
        #expect(result.started == 3 && result.welcomed == 0 && !result.passed)
        #expect(result.statistics.connectFailures >= 6 && result.reconnects >= 3)
        let cause = "connection refused by 127.0.0.1:1: is the server running on that port?"
        #expect(result.failureCauses == [cause: 3] && !result.everyBotStopped)
        #expect(SwarmReport.progressLine(result, previous: nil).hasSuffix("  cannot join: \(cause)"))
        let summary = SwarmReport.summary(result, configuration: configuration)
        #expect(summary.hasSuffix("FAILED: no bot was welcomed (\(cause))"))
        #expect(summary.contains("  cannot join: 3 × \(cause)"))
        #expect(SwarmSummary(result).failureCauses == [cause: 3])
    }

    /// Bots beyond a universe's room are refused with 4002: that fails the run unless refusals are expected.
    @Test(arguments: [false, true]) func joinsRefusedForLackOfRoomFailUnlessAllowed(allowed: Bool) throws {
        var settings = RelayConfiguration()
        settings.port = 0
        settings.loops = 1
        settings.universes = ["alpha"]
        settings.policy.maximumPlayers = 2
        settings.maximumConnectionsPerIP = 10_000
        settings.handshakesPerIPPerSecond = 100_000
        let relay = try RelayServer(configuration: settings, logger: Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in }))
        defer { relay.shutdown(timeout: .seconds(2)) }
        var configuration = SwarmConfiguration(host: "127.0.0.1", port: relay.port, universes: ["alpha"], count: 4,
                                               behaviors: [.idle])
        configuration.rampPerSecond = 100
        configuration.allowsRefusals = allowed
        configuration.welcomeGrace = .seconds(600)
        let swarm = try Swarm(configuration: configuration)
        swarm.start()
        for _ in 0..<1000 where swarm.snapshot().refusals < 2 || swarm.snapshot().welcomed < 2 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let result = swarm.stop()
        #expect(result.refusals >= 2 && result.statistics.closeCodes[4002, default: 0] == result.refusals)
        #expect(result.welcomed == 2 && result.failedChecks == 0)
        #expect(result.passed == allowed)
        let summary = SwarmReport.summary(result, configuration: configuration)
        #expect(summary.contains("  refused:     \(result.refusals) joins (4002 universe full, HTTP 503 or 429)"))
        if allowed {
            #expect(summary.contains("allowed by --allow-refused") && summary.hasSuffix("PASSED: zero failed checks"))
        } else {
            #expect(summary.hasSuffix("FAILED: \(result.refusals) joins refused (the server is full: give it room, "
                                      + "or pass --allow-refused to expect it)"), "\(summary)")
        }
        #expect(SwarmSummary(result).refusals == result.refusals && SwarmSummary(result).passed == allowed)
    }

    @Test func invalidSwarmsAreRefused() {
        #expect(throws: SwarmError.self) {
            try Swarm(configuration: SwarmConfiguration(host: "127.0.0.1", port: 1, universes: ["Bad Name"], count: 1,
                                                        behaviors: [.idle]))
        }
        #expect(throws: SwarmError.self) {
            try Swarm(configuration: SwarmConfiguration(host: "127.0.0.1", port: 1, universes: ["a"], count: 0,
                                                        behaviors: [.idle]))
        }
    }

    @Test func progressLineShowsRatesSinceThePreviousSnapshot() {
        var first = SwarmSnapshot(elapsedSeconds: 1, bots: 10)
        first.live = 10
        var second = first
        second.elapsedSeconds = 3
        second.statistics.frames = 2000
        second.statistics.bytes = 3_000_000
        second.statistics.inputLatency.record(microseconds: 25_000)
        let line = SwarmReport.progressLine(second, previous: first)
        #expect(line == "[3.0s] connected 10/10  1.0k frames/s  1.5 MB/s  seq gaps 0  failed checks 0  errors 0"
                + "  reconnects 0  input→ack p50 25.0 ms p99 25.0 ms")
    }
}
