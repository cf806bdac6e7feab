import Foundation
import OrreryJournal
import OrreryServer
import OrreryWire
import OrreryWorld

/// `orrery bench tick`: the cost of one tick (simulation + interest + encoding every player's frame into reused
/// buffers, in protocol version 2 with the arena's schema) at several universe sizes, to show that the cost per
/// player stays flat. With a journal directory: the same ticks without a journal and with one in each sync mode,
/// side by side, the tick then also covering the inputs' submission (and their journal records).
struct BenchTick {
    let playerCounts: [Int]
    let ticks: Int
    let warmup: Int
    let seed: UInt64
    /// Where the journals of the comparison go (nil: no comparison).
    var journalDirectory: String? = nil

    /// The measurements of one size.
    struct Result {
        var players: Int
        var entities: Int
        var tickTimes: [Double]
        var stepSeconds: Double
        var encodeSeconds: Double
        var frames: Int
        var bytes: Int
        /// Bytes of journal written (comparison only).
        var journalBytes = 0

        var mean: Double { tickTimes.reduce(0, +) / Double(tickTimes.count) }
        func percentile(_ fraction: Double) -> Double {
            let sorted = tickTimes.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }
        var microsecondsPerPlayer: Double { mean * 1e6 / Double(players) }
    }

    /// The journal settings compared: none, then each sync mode.
    static let journalModes: [JournalSyncMode?] = [nil, .everyTick, .defaultInterval, .operatingSystem]

    /// Runs every size and returns the report as Markdown.
    func run() throws -> String {
        guard let journalDirectory else {
            return report(try playerCounts.map { try measure(players: $0) })
        }
        try FileManager.default.createDirectory(atPath: journalDirectory, withIntermediateDirectories: true)
        var rows: [(Int, JournalSyncMode?, Result)] = []
        for count in playerCounts {
            for mode in Self.journalModes {
                let directory = journalDirectory + "/bench-\(count)-\(mode.map { "\($0)" } ?? "off")"
                let syncer = try mode.flatMap { mode throws -> JournalSyncer? in
                    guard case .interval(let milliseconds) = mode else { return nil }
                    return try JournalSyncer(interval: .milliseconds(Int64(milliseconds)))
                }
                let result = try measure(players: count, journal: mode.map { (directory, $0, syncer) })
                syncer?.stop()
                rows.append((count, mode, result))
            }
        }
        return journalReport(rows)
    }

    private func measure(players count: Int,
                         journal: (String, JournalSyncMode, JournalSyncer?)? = nil) throws -> Result {
        var arena = try BenchArena(players: count, seed: seed)
        let recorder = try journal.map { directory, mode, syncer in
            try? FileManager.default.removeItem(atPath: directory)
            let header = JournalHeader(universe: "bench", rules: arena.universe.rules, config: arena.universe.config,
                                       createdAtMilliseconds: 0, syncMode: mode)
            let snapshot = JournalSnapshot(tick: arena.universe.tick, universe: arena.universe.snapshot())
            let writer = try JournalWriter(directory: directory, header: header, continuingWith: snapshot,
                                           policy: JournalPolicy(syncMode: mode))
            return HostJournal(writer: writer, syncMode: mode, syncer: syncer)
        }
        let timesInputs = journalDirectory != nil
        let dialect = WireDialect(schema: WorldToWire.schema(arena.universe.schema))
        var framers = arena.players.map { _ in SessionFramer(tick: arena.universe.tick, dialect: dialect) }
        var buffers = arena.players.map { _ in [UInt8]() }
        var result = Result(players: count, entities: 0, tickTimes: [], stepSeconds: 0, encodeSeconds: 0,
                            frames: 0, bytes: 0)
        result.tickTimes.reserveCapacity(ticks)
        let clock = ContinuousClock()
        for tick in 0..<(warmup + ticks) {
            let submitting = clock.now
            arena.driveInputs { player, input in recorder?.record(.input(player: player, input: input)) }
            let start = timesInputs ? submitting : clock.now
            arena.universe.step()
            recorder?.endTick(arena.universe)
            let stepped = clock.now
            let now = arena.universe.tick
            var frames = 0
            var bytes = 0
            try arena.universe.forEachObserverUpdate { (update) throws(WireEncodingError) in
                let index = Int(update.observerID) - 1
                buffers[index].removeAll(keepingCapacity: true)
                if try framers[index].appendFrame(for: update, in: arena.universe, tick: now, into: &buffers[index]) {
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
        if let recorder {
            recorder.close(ended: true)
            result.journalBytes = try JournalWriter.segments(in: recorder.writer.directory).reduce(0) { total, path in
                total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            }
        }
        return result
    }

    private func journalReport(_ rows: [(players: Int, mode: JournalSyncMode?, result: Result)]) -> String {
        var text = """
            Tick cost with journals (\(ticks) ticks after \(warmup) warm-up ticks, seed \(seed)); times in ms per tick, \
            inputs' submission included; \(JournalPolicy().snapshotIntervalTicks)-tick snapshots

            | players | journal | p50 | p99 | mean | × off (mean) | journal bytes/tick |
            |--:|--|--:|--:|--:|--:|--:|

            """
        for row in rows {
            let off = rows.first { $0.players == row.players && $0.mode == nil }?.result.mean ?? row.result.mean
            text += "| \(row.players) | \(row.mode.map { "\($0)" } ?? "off") "
                + "| \(Self.format(row.result.percentile(0.5) * 1e3)) | \(Self.format(row.result.percentile(0.99) * 1e3)) "
                + "| \(Self.format(row.result.mean * 1e3)) | \(Self.format(row.result.mean / off)) "
                + "| \(row.mode == nil ? "-" : String(row.result.journalBytes / (warmup + ticks))) |\n"
        }
        return text
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
