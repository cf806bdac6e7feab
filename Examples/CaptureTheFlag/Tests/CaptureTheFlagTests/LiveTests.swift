import CaptureTheFlag
import CaptureTheFlagBots
import OrreryBots
import OrreryTesting
import Testing

/// The game served by a real relay and played over WebSockets by bots with the game's own brain: in an 80 m
/// world they meet within seconds, so shots, tags and flag news flow as game messages.
@Suite(.serialized) struct LiveTests {
    @Test func botsWithTheGamesBrainPlayWithoutAFailedCheck() throws {
        var swarm = SwarmConfiguration(host: "127.0.0.1", port: 0, universes: ["ctf"], count: 8, behaviors: [.wander])
        swarm.rampPerSecond = 200
        swarm.brain = { _, seed in CaptureBotBrain(seed: seed) }
        let result = try LiveMatch.play(universe: "ctf", worldMetres: 80, rules: { _, _ in CaptureRules() },
                                        swarm: swarm, seconds: 6)
        #expect(result.passed, "\(SwarmReport.summary(result, configuration: swarm))")
        let statistics = result.statistics
        #expect(result.welcomed == 8 && statistics.frames > 8 && statistics.inputsAcknowledged > 0)
        #expect(statistics.gameMessages > 0)
    }
}
