import Growth
import GrowthBots
import OrreryBots
import OrreryTesting
import Testing

/// The game served by a real relay and played over WebSockets: by `orrery bots`' generic behaviours (which
/// know nothing of it) and by bots with the game's own brain.
@Suite(.serialized) struct LiveTests {
    static func play(_ swarm: SwarmConfiguration) throws -> SwarmSnapshot {
        var tuning = GrowthConfig()
        tuning.pellets = 200
        let rules = GrowthRules(config: tuning)
        return try LiveMatch.play(universe: "growth", worldMetres: 100, rules: { _, _ in rules },
                                  swarm: swarm, seconds: 4)
    }

    @Test func genericBotsJoinAndCheckTheGame() throws {
        var swarm = SwarmConfiguration(host: "127.0.0.1", port: 0, universes: ["growth"], count: 9,
                                       behaviors: [.wander, .chase, .churn])
        swarm.rampPerSecond = 200
        let result = try Self.play(swarm)
        #expect(result.passed, "\(SwarmReport.summary(result, configuration: swarm))")
        #expect(result.welcomed == 9 && result.statistics.frames > 9 && result.statistics.inputsAcknowledged > 0)
    }

    @Test func botsWithTheGamesBrainPlayWithoutAFailedCheck() throws {
        var swarm = SwarmConfiguration(host: "127.0.0.1", port: 0, universes: ["growth"], count: 8, behaviors: [.wander])
        swarm.rampPerSecond = 200
        swarm.brain = { _, seed in GrowthBotBrain(seed: seed) }
        let result = try Self.play(swarm)
        #expect(result.passed, "\(SwarmReport.summary(result, configuration: swarm))")
        #expect(result.welcomed == 8 && result.statistics.frames > 8 && result.statistics.inputsAcknowledged > 0)
    }
}
