import OrreryServer
import OrreryWire
import OrreryWorld

/// `orrery bench tick`: the cost of one tick (simulation + interest + encoding every player's frame into reused
/// buffers, in protocol version 2 with the arena's schema) at several universe sizes, to show that the cost per
/// player stays flat.
struct BenchTick {
    let playerCounts: [Int]
    let ticks: Int
    let warmup: Int
    let seed: UInt64

    /// The measurements of one size.
    struct Result {
        var players: Int
        var entities: Int
        var tickTimes: [Double]
        var stepSeconds: Double
        var encodeSeconds: Double
        var frames: Int
        var bytes: Int

        var mean: Double { tickTimes.reduce(0, +) / Double(tickTimes.count) }
        func percentile(_ fraction: Double) -> Double {
            let sorted = tickTimes.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }
        var microsecondsPerPlayer: Double { mean * 1e6 / Double(players) }
    }

    /// Runs every size and returns the report as Markdown.
    func run() throws -> String {
        var results: [Result] = []
        for count in playerCounts {
            results.append(try measure(players: count))
        }
        return report(results)
    }

    private func measure(players count: Int) throws -> Result {
        var arena = try BenchArena(players: count, seed: seed)
        let dialect = WireDialect(schema: WorldToWire.schema(arena.universe.schema))
        var framers = arena.players.map { _ in SessionFramer(tick: arena.universe.tick, dialect: dialect) }
        var buffers = arena.players.map { _ in [UInt8]() }
        var result = Result(players: count, entities: 0, tickTimes: [], stepSeconds: 0, encodeSeconds: 0,
                            frames: 0, bytes: 0)
        result.tickTimes.reserveCapacity(ticks)
        let clock = ContinuousClock()
        for tick in 0..<(warmup + ticks) {
            arena.driveInputs()
            let start = clock.now
            arena.universe.step()
            let stepped = clock.now
            let now = arena.universe.tick
            var frames = 0
            var bytes = 0
            let universe = arena.universe
            try universe.forEachObserverUpdate { (update) throws(WireEncodingError) in
                let index = Int(update.observerID) - 1
                buffers[index].removeAll(keepingCapacity: true)
                if try framers[index].appendFrame(for: update, in: universe, tick: now, into: &buffers[index]) {
                    frames += 1
                    bytes += buffers[index].count
                }
            }
            let encoded = clock.now
            guard tick >= warmup else { continue }
            result.tickTimes.append(Self.seconds(encoded - start))
            result.stepSeconds += Self.seconds(stepped - start)
            result.encodeSeconds += Self.seconds(encoded - stepped)
            result.frames += frames
            result.bytes += bytes
        }
        result.entities = arena.universe.world.entityCount
        return result
    }

    private func report(_ results: [Result]) -> String {
        var text = """
            Tick cost (\(ticks) ticks after \(warmup) warm-up ticks, seed \(seed)); times in ms per tick

            | players | entities | p50 | p99 | mean | of which step | of which encode | µs/player/tick | frames/tick | bytes/frame |
            |--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|

            """
        for result in results {
            let n = Double(ticks)
            text += "| \(result.players) | \(result.entities) | \(Self.format(result.percentile(0.5) * 1e3)) "
                + "| \(Self.format(result.percentile(0.99) * 1e3)) | \(Self.format(result.mean * 1e3)) "
                + "| \(Self.format(result.stepSeconds / n * 1e3)) | \(Self.format(result.encodeSeconds / n * 1e3)) "
                + "| \(Self.format(result.microsecondsPerPlayer)) | \(Self.format(Double(result.frames) / n)) "
                + "| \(Self.format(Double(result.bytes) / Double(max(result.frames, 1)))) |\n"
        }
        if results.count > 1 {
            text += "\nGrowth (linear growth = per-player ratio 1.00):\n\n"
            text += "| from → to | players × | mean tick time × | per-player cost × |\n|--|--:|--:|--:|\n"
            for (previous, next) in zip(results, results.dropFirst()) {
                let players = Double(next.players) / Double(previous.players)
                let time = next.mean / previous.mean
                text += "| \(previous.players) → \(next.players) | \(Self.format(players)) | \(Self.format(time)) "
                    + "| \(Self.format(time / players)) |\n"
            }
        }
        return text
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        let text = String(scaled)
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }
}
