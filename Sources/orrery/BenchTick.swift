import Foundation
import OrreryJournal
import OrreryPosix
import OrreryServer
import OrreryWire
import OrreryWorld

/// `orrery bench tick`: the cost of one tick (simulation + interest + encoding every player's frame into reused
/// buffers, in protocol version 2 with the arena's schema) at several universe sizes, to show that the cost per
/// player stays flat; optionally with whole-world spectators, whose frames are encoded as the relay does (one
/// event body per tick for all of them). With a journal directory: the same ticks without a journal and with one
/// in each sync mode, side by side, the tick then also covering the inputs' submission (and their journal records).
struct BenchTick {
    let playerCounts: [Int]
    var spectators = 0
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
        /// CPU seconds the measuring thread spent in the measured ticks (comparison only).
        var cpuSeconds = 0.0

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
            return report(try playerCounts.map { try measure(players: $0, journals: [nil])[0] })
        }
        try FileManager.default.createDirectory(atPath: journalDirectory, withIntermediateDirectories: true)
        var rows: [(Int, JournalSyncMode?, Result)] = []
        for count in playerCounts {
            let results = try measure(players: count, journals: Self.journalModes)
            rows += zip(Self.journalModes, results).map { (count, $0, $1) }
        }
        return journalReport(rows)
    }

    /// One universe of the comparison: the same arena (same seed, same inputs) with its framers and journal.
    private struct Lane {
        var arena: BenchArena
        var framers: [SessionFramer]
        var buffers: [[UInt8]]
        var bodies = FrameBodies()
        let recorder: HostJournal?
        let syncer: JournalSyncer?
        var result: Result
    }

    /// Measures one universe per entry of `journals` (nil: none), stepped in turn tick by tick so that the
    /// machine's drift and noise fall on each alike.
    private func measure(players count: Int, journals: [JournalSyncMode?]) throws -> [Result] {
        var lanes = try journals.map { mode in try lane(players: count, journal: mode) }
        let timesInputs = journalDirectory != nil
        let clock = ContinuousClock()
        for tick in 0..<(warmup + ticks) {
            for index in lanes.indices {
                let submitting = clock.now
                let cpuStart = ThreadCPUClock.nanoseconds()
                let recorder = lanes[index].recorder
                lanes[index].arena.driveInputs { player, input in recorder?.record(.input(player: player, input: input)) }
                let start = timesInputs ? submitting : clock.now
                lanes[index].arena.universe.step()
                recorder?.endTick(lanes[index].arena.universe)
                let stepped = clock.now
                let (frames, bytes) = try encode(&lanes[index])
                let encoded = clock.now
                let cpu = ThreadCPUClock.nanoseconds() - cpuStart
                guard tick >= warmup else { continue }
                lanes[index].result.cpuSeconds += Double(cpu) / 1e9
                lanes[index].result.tickTimes.append(Self.seconds(encoded - start))
                lanes[index].result.stepSeconds += Self.seconds(stepped - start)
                lanes[index].result.encodeSeconds += Self.seconds(encoded - stepped)
                lanes[index].result.frames += frames
                lanes[index].result.bytes += bytes
            }
        }
        return try lanes.map { lane in
            var result = lane.result
            result.entities = lane.arena.universe.world.entityCount
            if let recorder = lane.recorder {
                recorder.close(ended: true)
                lane.syncer?.stop()
                result.journalBytes = try JournalWriter.segments(in: recorder.writer.directory).reduce(0) { total, path in
                    total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
                }
            }
            return result
        }
    }

    private func lane(players count: Int, journal mode: JournalSyncMode?) throws -> Lane {
        var arena = try BenchArena(players: count, seed: seed)
        for _ in 0..<spectators { _ = arena.universe.addSpectator(.wholeWorld) }
        var syncer: JournalSyncer?
        var recorder: HostJournal?
        if let mode, let journalDirectory {
            let directory = journalDirectory + "/bench-\(count)-\(mode)"
            try? FileManager.default.removeItem(atPath: directory)
            if case .interval(let milliseconds) = mode {
                syncer = try JournalSyncer(interval: .milliseconds(Int64(milliseconds)))
            }
            let header = JournalHeader(universe: "bench", rules: arena.universe.rules, config: arena.universe.config,
                                       createdAtMilliseconds: 0, syncMode: mode)
            let snapshot = JournalSnapshot(tick: arena.universe.tick, universe: arena.universe.snapshot())
            let writer = try JournalWriter(directory: directory, header: header, continuingWith: snapshot,
                                           policy: JournalPolicy(syncMode: mode))
            recorder = HostJournal(writer: writer, syncMode: mode, syncer: syncer)
        }
        let dialect = WireDialect(schema: WorldToWire.schema(arena.universe.schema))
        var result = Result(players: count, entities: 0, tickTimes: [], stepSeconds: 0, encodeSeconds: 0,
                            frames: 0, bytes: 0)
        result.tickTimes.reserveCapacity(ticks)
        let observers = count + spectators
        let framers = (0..<observers).map { _ in SessionFramer(tick: arena.universe.tick, dialect: dialect) }
        return Lane(arena: arena, framers: framers,
                    buffers: (0..<observers).map { _ in [] }, recorder: recorder, syncer: syncer, result: result)
    }

    /// Encodes every observer's frame of the lane's last tick into its reused buffer: frames and bytes written.
    private func encode(_ lane: inout Lane) throws(WireEncodingError) -> (Int, Int) {
        let now = lane.arena.universe.tick
        var frames = 0
        var bytes = 0
        let universe = lane.arena.universe
        try universe.forEachObserverUpdate { (update) throws(WireEncodingError) in
            let index = Int(update.observerID) - 1
            lane.buffers[index].removeAll(keepingCapacity: true)
            if try lane.framers[index].appendFrame(for: update, in: universe, tick: now, into: &lane.buffers[index],
                                                   sharing: &lane.bodies) {
                frames += 1
                bytes += lane.buffers[index].count
            }
        }
        return (frames, bytes)
    }

    private func journalReport(_ rows: [(players: Int, mode: JournalSyncMode?, result: Result)]) -> String {
        var text = """
            Tick cost with journals (\(ticks) ticks after \(warmup) warm-up ticks, seed \(seed)\(spectatorNote); \
            the universes step in turn, tick by tick); times in ms per tick, inputs' submission included; \
            \(JournalPolicy().snapshotIntervalTicks)-tick snapshots

            | players | journal | p50 | p99 | mean | × off (mean) | CPU ms/tick | × off (CPU) | journal bytes/tick |
            |--:|--|--:|--:|--:|--:|--:|--:|--:|

            """
        for row in rows {
            let baseline = rows.first { $0.players == row.players && $0.mode == nil }?.result ?? row.result
            let off = baseline.mean
            let cpu = row.result.cpuSeconds / Double(ticks)
            text += "| \(row.players) | \(row.mode.map { "\($0)" } ?? "off") "
                + "| \(Self.format(row.result.percentile(0.5) * 1e3)) | \(Self.format(row.result.percentile(0.99) * 1e3)) "
                + "| \(Self.format(row.result.mean * 1e3)) | \(Self.format(row.result.mean / off)) "
                + "| \(Self.format(cpu * 1e3)) | \(Self.format(row.result.cpuSeconds / baseline.cpuSeconds)) "
                + "| \(row.mode == nil ? "-" : String(row.result.journalBytes / (warmup + ticks))) |\n"
        }
        return text
    }

    private func report(_ results: [Result]) -> String {
        var text = """
            Tick cost (\(ticks) ticks after \(warmup) warm-up ticks, seed \(seed)\(spectatorNote)); times in ms per tick

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

    private var spectatorNote: String {
        spectators == 0 ? "" : ", \(spectators) whole-world spectators (frames counted with the players')"
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
