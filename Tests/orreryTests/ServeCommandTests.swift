import Testing
import OrreryArena
import OrreryServer
@testable import orrery

@Suite struct ServeCommandTests {
    private func configuration(_ arguments: [String],
                               environment: [String: String] = [:]) throws -> RelayConfiguration {
        let tool = CommandLineTool(commands: [ServeCommand()])
        let options = try tool.parse(arguments, for: ServeCommand(), environment: environment)
        return try ServeCommand.configuration(options)
    }

    @Test func theDefaultsServeTheDemoUniverse() throws {
        let configuration = try configuration([])
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8080 && configuration.tickRate == 20)
        #expect(configuration.universes == ["demo"] && !configuration.createOnDemand)
        #expect(configuration.worldMetres == 2048)
        #expect(configuration.ticketSecret == nil && configuration.allowedOrigins == nil && !configuration.debugTruth)
        #expect(configuration.policy == HostPolicy())
        #expect(configuration.maximumMessageBytes == 256 && configuration.outboundCap == 1 << 20)
    }

    @Test func arenaFlagsTuneTheRulesOfEveryUniverse() throws {
        let tool = CommandLineTool(commands: [ServeCommand()])
        let defaults = try tool.parse([], for: ServeCommand(), environment: [:])
        #expect(try ServeCommand.arenaConfig(defaults) == ArenaConfig(tickRate: 20, asteroidCount: 160, npcCount: 40))
        let options = try tool.parse(["--asteroids", "12", "--tick-rate", "30"], for: ServeCommand(),
                                     environment: ["ORRERY_NPCS": "3"])
        #expect(try ServeCommand.arenaConfig(options) == ArenaConfig(tickRate: 30, asteroidCount: 12, npcCount: 3))
        let universe = try ServeCommand.configuration(options).makeUniverse(named: "demo", index: 0)
        #expect(universe.schema == ArenaRules.gameSchema)
        #expect(universe.world.count(ofKind: ArenaKind.asteroid) == 12 && universe.world.count(ofKind: ArenaKind.npcShip) == 3)
    }

    @Test func flagsAndEnvironmentVariablesSetEveryKindOfOption() throws {
        let configuration = try configuration(
            ["--universes", "a,b", "--grace", "2.5s", "--history", "3s", "--allowed-origins", "https://x,https://y",
             "--players", "7", "--input-rate", "5", "--create-on-demand", "--hello-timeout", "250ms"],
            environment: ["ORRERY_TICKET_SECRET": "s3cret", "ORRERY_PORT": "9000", "ORRERY_TICK_RATE": "30",
                          "ORRERY_DEBUG_TRUTH": "1"])
        #expect(configuration.universes == ["a", "b"] && configuration.createOnDemand)
        #expect(configuration.policy.graceNanoseconds == 2_500_000_000 && configuration.policy.historySeconds == 3)
        #expect(configuration.policy.helloTimeoutNanoseconds == 250_000_000)
        #expect(configuration.allowedOrigins == ["https://x", "https://y"] && configuration.policy.maximumPlayers == 7)
        #expect(configuration.policy.input.ratePerSecond == 5 && configuration.ticketSecret == "s3cret")
        #expect(configuration.port == 9000 && configuration.tickRate == 30 && configuration.debugTruth)
    }

    @Test func badValuesAreUsageErrors() {
        #expect(throws: UsageError.self) { try configuration(["--universes", "Bad Name"]) }
        #expect(throws: UsageError.self) { try configuration(["--universes", ""]) }
        #expect(throws: UsageError.self) { try configuration(["--tick-rate", "0"]) }
        #expect(throws: UsageError.self) { try configuration(["--ticket-secret", ""]) }
        #expect(throws: UsageError.self) { try configuration(["--world", "9999999"]) }
    }

    @Test func helpDocumentsEveryOptionWithItsDefault() {
        let help = CommandLineTool(commands: [ServeCommand()]).help(for: ServeCommand())
        for spec in ServeCommand().options {
            #expect(help.contains("--\(spec.name)"), "\(spec.name)")
            if let value = spec.defaultValue { #expect(help.contains("default: \(value)"), "\(spec.name)") }
            #expect(spec.environmentVariable != nil, "\(spec.name) has no environment variable")
        }
    }

    @Test func loadQuantilesInterpolateInsideBuckets() {
        let name = "orrery_tick_duration_seconds"
        let start = LoadProbe.Reading(time: 0, cpuSeconds: nil, samples: [:])
        let end = LoadProbe.Reading(time: 1, cpuSeconds: nil, samples: [
            name + "_bucket{le=\"0.001\"}": 50, name + "_bucket{le=\"0.002\"}": 100, name + "_bucket{le=\"+Inf\"}": 100,
        ])
        #expect(LoadProbe.quantile(0.5, histogram: name, from: start, to: end) == 0.001)
        #expect(LoadProbe.quantile(0.75, histogram: name, from: start, to: end) == 0.0015)
        #expect(LoadProbe.quantile(0.5, histogram: name, from: end, to: end) == nil)
    }
}
