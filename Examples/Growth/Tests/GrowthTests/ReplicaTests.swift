import Growth
import GrowthBots
import OrreryTesting
import OrreryWire
import OrreryWorld
import Testing

/// Growth through the real codec: twelve bots with the game's own brain, an idle player and two spectators;
/// radius and score change every few ticks, pellets come and go; every replica audited at every tick.
@Suite struct ReplicaTests {
    static func field(seed: UInt64 = 5, ticks: Int) throws -> AuditedUniverse {
        let config = UniverseConfig(width: 100 * 256, height: 100 * 256, viewRadius: 25 * 256,
                                    hysteresis: 3 * 256, seed: seed)
        var tuning = GrowthConfig()
        tuning.pellets = 300
        var audit = AuditedUniverse(universe: try Universe(config: config, rules: GrowthRules(config: tuning)))
        for index in 0..<12 {
            audit.join(PlayerIdentity(name: "cell\(index)"), brain: GrowthBotBrain(seed: seed &+ UInt64(index)))
        }
        audit.join(PlayerIdentity(name: "idle"))
        audit.addSpectator()
        audit.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 40 * 256, maxY: 40 * 256))
        for _ in 1...ticks {
            audit.step()
            if !audit.failures.isEmpty { break }
        }
        return audit
    }

    @Test func everyReplicaHoldsExactlyItsScopeAtEveryTick() throws {
        let audit = try Self.field(ticks: 1_200)
        #expect(audit.failures == [])
        let coverage = audit.coverage
        #expect(coverage.properties > 1_000 && coverage.playerStates > 10 && coverage.universeStates > 500)
        #expect(coverage.comparisons > 100_000)
        let received = audit.observers.values.flatMap { $0.messages.map(\.message) }
        let names = Set(received.map { GrowthSchema.schema.messages[Int($0.code)].name })
        #expect(names == ["eaten", "respawned"], "\(names)")
    }

    @Test func theSameSeedSendsTheSameBytesToEveryObserver() throws {
        let first = try Self.field(ticks: 1_000)
        let again = try Self.field(ticks: 1_000)
        let other = try Self.field(seed: 6, ticks: 1_000)
        #expect(first.failures == [] && again.failures == [] && other.failures == [])
        #expect(first.observers.count == 15)
        for (observer, connection) in first.observers {
            #expect(connection.stream == again.observers[observer]?.stream, "observer \(observer)")
        }
        let differing = first.observers.filter { $0.value.stream != other.observers[$0.key]?.stream }
        #expect(differing.count == first.observers.count)
    }
}
