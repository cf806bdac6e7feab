import CaptureTheFlag
import CaptureTheFlagBots
import OrreryTesting
import OrreryWire
import OrreryWorld
import Testing

/// Capture the flag through the real codec: bots playing with the game's own brain, an idle player, two
/// spectators; every replica audited against the truth at every tick.
@Suite struct ReplicaTests {
    static let config = UniverseConfig(width: 120 * 256, height: 60 * 256, viewRadius: 30 * 256,
                                       hysteresis: 4 * 256, seed: 11)

    static func match(seed: UInt64 = 11, ticks: Int) throws -> AuditedUniverse {
        var config = Self.config
        config.seed = seed
        // Three shots a life: fights end quickly and runners reach the flags.
        var tuning = CaptureConfig()
        tuning.ammo = 3
        var audit = AuditedUniverse(universe: try Universe(config: config, rules: CaptureRules(config: tuning)))
        for index in 0..<10 {
            audit.join(PlayerIdentity(account: 100 + UInt32(index), name: "bot\(index)"),
                       brain: CaptureBotBrain(seed: seed &+ UInt64(index)))
        }
        audit.join(PlayerIdentity(name: "idle"))
        audit.addSpectator()
        audit.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 50 * 256, maxY: 60 * 256))
        for tick in 1...ticks {
            if tick == ticks / 2 {
                audit.leave(audit.universe.playerIDs[3])
                audit.join(PlayerIdentity(name: "late"), brain: CaptureBotBrain(seed: seed &+ 99))
            }
            audit.step()
            if !audit.failures.isEmpty { break }
        }
        return audit
    }

    @Test func everyReplicaHoldsExactlyItsScopeAtEveryTick() throws {
        let audit = try Self.match(ticks: 1_500)
        #expect(audit.failures == [])
        let coverage = audit.coverage
        #expect(coverage.properties > 100 && coverage.playerStates > 50 && coverage.universeStates > 50, "\(coverage)")
        #expect(coverage.commands > 0 && coverage.inputs > 1_000 && coverage.comparisons > 50_000)
        let received = audit.observers.values.flatMap { $0.messages.map(\.message) }
        let scopes = Set(received.map(\.scope.code))
        #expect(scopes == [0, 1, 2], "messages to a player, about an entity and to the universe all went through")
        let names = Set(received.map { CaptureSchema.schema.messages[Int($0.code)].name })
        #expect(names.isSuperset(of: ["chat", "flag", "tagged"]), "\(names)")
    }

    @Test func theSameSeedSendsTheSameBytesToEveryObserver() throws {
        let first = try Self.match(ticks: 1_000)
        let again = try Self.match(ticks: 1_000)
        let other = try Self.match(seed: 12, ticks: 1_000)
        #expect(first.failures == [] && again.failures == [] && other.failures == [])
        #expect(first.observers.count == 13 && Set(first.observers.keys) == Set(again.observers.keys))
        for (observer, connection) in first.observers {
            #expect(connection.stream == again.observers[observer]?.stream, "observer \(observer)")
        }
        let differing = first.observers.filter { $0.value.stream != other.observers[$0.key]?.stream }
        #expect(differing.count == first.observers.count)
    }
}
