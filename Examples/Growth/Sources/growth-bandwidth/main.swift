// `swift run growth-bandwidth [BOTS] [TICKS]`: bytes per client per second of the growth game (30 bots and
// 1,200 ticks by default, 200 m world, 1,000 pellets, 40 m view) as Orrery sends it, against a full snapshot
// (a reset frame of the client's whole view) every tick; WebSocket frame headers included. The bytes are
// deterministic (seeded world and bots), the same in debug and release builds.
import Growth
import GrowthBots
import OrreryServer
import OrreryTesting
import OrreryWire
import OrreryWorld

let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let bots = numbers.first ?? 30, ticks = numbers.dropFirst().first ?? 1_200
var tuning = GrowthConfig()
tuning.pellets = 1_000
let config = UniverseConfig(width: 200 * 256, height: 200 * 256, viewRadius: 40 * 256, hysteresis: 4 * 256, seed: 9)
var audit = AuditedUniverse(universe: try Universe(config: config, rules: GrowthRules(config: tuning)))
for index in 0..<bots {
    audit.join(PlayerIdentity(name: "cell\(index)"), brain: GrowthBotBrain(seed: UInt64(index)))
}
let dialect = WireDialect(schema: WorldToWire.schema(audit.universe.schema))
func framed(_ payload: Int) -> Int { payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10) }
var snapshotBytes = 0, buffer: [UInt8] = []
for _ in 0..<ticks {
    audit.step()
    for observer in audit.observers.keys {
        guard let view = audit.universe.snapshot(for: observer) else { continue }
        var scratch = SessionFramer(tick: audit.universe.tick, dialect: dialect)
        buffer.removeAll(keepingCapacity: true)
        try scratch.appendReset(view, into: &buffer)
        snapshotBytes += framed(buffer.count)
    }
}
// Every message after the welcome and the schema (the first two of each stream).
let sentBytes = audit.observers.values.reduce(0) { $0 + $1.stream.dropFirst(2).reduce(0) { $0 + framed($1.count) } }
let clientSeconds = Double(bots) * Double(ticks) / Double(config.tickRate)
print("growth: \(bots) bots, \(ticks) ticks, audit failures \(audit.failures.count)")
print("orrery (v2 deltas): \(Int(Double(sentBytes) / clientSeconds)) B per client per second")
print("full snapshot every tick: \(Int(Double(snapshotBytes) / clientSeconds)) B per client per second")
print("ratio: \(Double(Int(Double(sentBytes) / Double(snapshotBytes) * 1000)) / 10) %")
