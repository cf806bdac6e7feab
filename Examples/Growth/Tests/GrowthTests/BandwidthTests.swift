import Growth
import GrowthBots
import OrreryServer
import OrreryTesting
import OrreryWire
import OrreryWorld
import Testing

/// Bytes per client per second of the growth game as Orrery sends it, against a full snapshot (a version-2
/// reset frame of the client's whole view) every tick, WebSocket frame headers included. Byte counts are
/// deterministic (seeded world and bots): no timing is measured. BENCHMARKS.md quotes the printed line.
@Suite struct BandwidthTests {
    @Test func deltasCostAFractionOfFullSnapshots() throws {
        let bots = 20, ticks = 400
        var tuning = GrowthConfig()
        tuning.pellets = 1_000
        let config = UniverseConfig(width: 200 * 256, height: 200 * 256, viewRadius: 40 * 256, hysteresis: 4 * 256,
                                    seed: 9)
        var audit = AuditedUniverse(universe: try Universe(config: config, rules: GrowthRules(config: tuning)))
        for index in 0..<bots {
            audit.join(PlayerIdentity(name: "cell\(index)"), brain: GrowthBotBrain(seed: UInt64(index)))
        }
        let dialect = WireDialect(schema: WorldToWire.schema(audit.universe.schema))
        func framed(_ payload: Int) -> Int { payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10) }
        var snapshotBytes = 0
        var buffer: [UInt8] = []
        for _ in 0..<ticks {
            audit.step()
            for observer in audit.observers.keys {
                let view = try #require(audit.universe.snapshot(for: observer))
                var scratch = SessionFramer(tick: audit.universe.tick, dialect: dialect)
                buffer.removeAll(keepingCapacity: true)
                try scratch.appendReset(view, into: &buffer)
                snapshotBytes += framed(buffer.count)
            }
        }
        #expect(audit.failures == [])
        // Every message after the welcome and the schema (the first two of each stream).
        let sentBytes = audit.observers.values.reduce(0) { $0 + $1.stream.dropFirst(2).reduce(0) { $0 + framed($1.count) } }
        let clientSeconds = Double(bots * ticks) / Double(config.tickRate)
        let ratio = Double(sentBytes) / Double(snapshotBytes)
        print("growth bandwidth: \(bots) bots, \(ticks) ticks: \(Int(Double(sentBytes) / clientSeconds)) B per client "
              + "per second, full snapshot \(Int(Double(snapshotBytes) / clientSeconds)), ratio \(ratio)")
        #expect(ratio < 0.1, "deltas are \(ratio) of full snapshots")
    }
}
