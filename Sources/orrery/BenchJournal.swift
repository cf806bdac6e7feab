import Foundation
import OrreryJournal
import OrreryWorld

/// `orrery bench journal`: what journals cost at the benchmark arena's density: journal bytes per player per
/// second, the time to snapshot and restore a universe of 10,000 entities (2,500 players), and how fast `verify`
/// re-simulates, against real time.
struct BenchJournal {
    let playerCounts: [Int]
    let ticks: Int
    let warmup: Int
    let seed: UInt64

    func run() throws -> String {
        var lines = ["| players | entities | journal B/player/s | snapshot bytes | verify ticks/s | × real time |",
                     "|---:|---:|---:|---:|---:|---:|"]
        let clock = ContinuousClock()
        for count in playerCounts {
            var arena = try BenchArena(players: count, seed: seed)
            for _ in 0..<warmup {
                arena.driveInputs()
                arena.universe.step()
            }
            var recorder = JournalRecorder(continuing: arena.universe, name: "bench")
            let start = recorder.bytes.count
            let snapshotBytes = arena.universe.snapshot().count
            for _ in 0..<ticks {
                arena.driveInputs { recorder.submitInput($1, from: $0) }
                arena.universe.step()
                recorder.step()
            }
            let seconds = Double(ticks) / Double(arena.universe.config.tickRate)
            let perPlayer = Double(recorder.bytes.count - start) / Double(count) / seconds
            let contents = try JournalReader.readAll(bytes: recorder.bytes)
            let began = clock.now
            let result = try JournalVerifier.verify(contents, rules: JournalGames.rules)
            let elapsed = clock.now - began
            guard result.divergence == nil else { throw JournalError.replayMismatch(record: 0, reason: "diverged") }
            let rate = Double(result.ticks) / BenchJournal.seconds(elapsed)
            lines.append("| \(count) | \(arena.universe.world.entityCount) | \(String(format: "%.1f", perPlayer)) | "
                         + "\(snapshotBytes) | \(String(format: "%.0f", rate)) | "
                         + "\(String(format: "%.1f", rate / Double(arena.universe.config.tickRate))) |")
        }
        return lines.joined(separator: "\n") + "\n\n" + (try restoreReport())
    }

    /// Snapshot and restore of a 2,500-player arena (10,000 entities): the median of 5 runs each.
    private func restoreReport() throws -> String {
        var arena = try BenchArena(players: 2_500, seed: seed)
        for _ in 0..<20 {
            arena.driveInputs()
            arena.universe.step()
        }
        let clock = ContinuousClock()
        var saves: [Double] = []
        var restores: [Double] = []
        var bytes: [UInt8] = []
        for _ in 0..<5 {
            let began = clock.now
            bytes = arena.universe.snapshot()
            let saved = clock.now
            let restored = try Universe(restoring: bytes, rules: JournalGames.rules("arena")!)
            restores.append(BenchJournal.seconds(clock.now - saved))
            saves.append(BenchJournal.seconds(saved - began))
            guard restored.stateHash() == arena.universe.stateHash() else {
                throw JournalError.replayMismatch(record: 0, reason: "restored universe differs")
            }
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] * 1000 }
        return "restore: \(arena.universe.world.entityCount) entities, \(arena.universe.playerIDs.count) players, "
            + "snapshot \(bytes.count) bytes: save \(String(format: "%.2f", median(saves))) ms, restore "
            + "\(String(format: "%.2f", median(restores))) ms (median of 5)\n"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
