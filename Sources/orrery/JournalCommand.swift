import Foundation
import OrreryJournal

/// `orrery journal info`: what a journal holds.
struct JournalCommand: Command {
    let name = "journal"
    let summary = "describe a recorded universe (orrery journal info FILE)"
    let discussion = """
        The info action prints what a journal holds: universe, game, segments, ticks and simulated \
        duration, snapshots, players (joined, distinct, most at once), spectators, inputs and commands, size in \
        bytes and per tick, the sync mode it was written with, and whether it ended cleanly or was cut by a \
        crash (the torn bytes dropped). FILE is a segment (NNNNNNNN.orj) or a universe's journal directory. \
        Needs no rules: works for any game. A damaged file is an error naming the byte offset and the record.

        Example:
          orrery journal info journals/demo
        """
    let positionals = ["ACTION", "FILE"]
    let options: [OptionSpec] = []
    /// Receives the report.
    var output: @Sendable (String) -> Void = { print($0) }

    func run(_ options: ParsedOptions) throws -> Int32 {
        guard options.positionals[0] == "info" else {
            throw UsageError.invalidValue(option: "ACTION", value: options.positionals[0], expected: "info")
        }
        output(JournalCommand.describe(JournalSummary(try JournalFiles.read(options.positionals[1]))))
        return 0
    }

    static func describe(_ summary: JournalSummary) -> String {
        let perTick = summary.ticks > 0 ? " (\(summary.bytes / Int(summary.ticks)) per tick)" : ""
        let numbers = summary.segments.map(String.init).joined(separator: ", ")
        let ending = summary.endedCleanly ? "clean end"
            : summary.droppedBytes > 0 ? "torn tail: \(summary.droppedBytes) bytes dropped" : "no end record (still running or killed)"
        return """
            universe:    \(summary.universe)
            game:        \(summary.game)
            segments:    \(summary.segments.count) (\(numbers))
            ticks:       \(summary.firstTick)-\(summary.lastTick) (\(summary.ticks) ticks at \(summary.tickRate) Hz)
            duration:    \(String(format: "%.1f", summary.durationSeconds)) s
            snapshots:   \(summary.snapshots)
            players:     \(summary.joins) joins, \(summary.players) distinct, \(summary.peakPlayers) at most at once
            spectators:  \(summary.spectators)
            inputs:      \(summary.inputs)
            commands:    \(summary.commands)
            records:     \(summary.records)
            size:        \(summary.bytes) bytes\(perTick)
            sync mode:   \(summary.syncMode)
            ending:      \(ending)
            """
    }
}
