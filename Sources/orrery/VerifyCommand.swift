import OrreryJournal
import OrreryPosix

/// `orrery verify`: re-simulates a journal and compares every tick's state hash.
struct VerifyCommand: Command {
    let name = "verify"
    let summary = "re-simulate a recorded universe and check every tick against its journal"
    let discussion = """
        Reads FILE (a journal segment, NNNNNNNN.orj, or a universe's journal directory: every segment in \
        order), rebuilds the universe from the first segment's header or snapshot, applies every recorded join, \
        leave, spectator change, input and command, and compares the state hash after every tick and every \
        recorded snapshot with the re-simulation. Exits 0 when everything matched.

        On a mismatch it names the first tick whose hash differs, simulates on to the next recorded snapshot and \
        lists what differs there (entity, field, recorded and re-simulated values), and exits 1: the game's rules \
        are not deterministic (they read something outside the world: a clock, a global, an unordered \
        dictionary). A damaged file is an error naming the byte offset and the record; a torn tail (what a \
        crash leaves) is dropped and reported. This binary rebuilds the arena and the empty game.

        Examples:
          orrery verify journals/demo
          orrery verify journals/demo/00000001.orj --progress
        """
    let positionals = ["FILE"]
    let options: [OptionSpec] = [
        .flag("progress", help: "Show progress on stderr even when it is not a terminal (shown on a terminal)."),
    ]
    /// Receives the report.
    var output: @Sendable (String) -> Void = { print($0) }

    func run(_ options: ParsedOptions) throws -> Int32 {
        let segments = try JournalFiles.read(options.positionals[0])
        let show = options.flag("progress") || Terminal.isTerminal(2)
        var status: Int32 = 0
        var ticks = 0
        for contents in segments {
            let progress = JournalGames.progress(enabled: show, label: "verifying segment \(contents.header.segment)")
            let result = try JournalVerifier.verify(contents, rules: JournalGames.rules, progress: progress.report)
            progress.writer?.finish()
            ticks += result.ticks
            if contents.droppedBytes > 0 {
                output("segment \(contents.header.segment): torn tail, dropped \(contents.droppedBytes) bytes")
            }
            guard let divergence = result.divergence else {
                output("segment \(contents.header.segment): ticks \(result.firstTick)-\(result.lastTick) match "
                       + "(\(result.ticks) ticks, \(result.snapshots) snapshots)")
                continue
            }
            output(VerifyCommand.describe(divergence, segment: contents.header.segment))
            status = 1
            break
        }
        if status == 0 { output("verified: \(ticks) ticks, every state hash matches") }
        return status
    }

    static func describe(_ divergence: JournalDivergence, segment: UInt32) -> String {
        var lines = ["segment \(segment): DIVERGED at tick \(divergence.tick) (record \(divergence.record) at byte "
                     + "\(divergence.offset)): recorded hash \(hex(divergence.recordedHash)), re-simulated "
                     + "\(hex(divergence.computedHash))"]
        if let tick = divergence.comparedAtTick, divergence.differences.isEmpty {
            lines.append("the universe equals the snapshot of tick \(tick): the recorded hash is wrong, or the "
                         + "difference did not last")
        } else if let tick = divergence.comparedAtTick {
            lines.append("differences at the snapshot of tick \(tick) (recorded → re-simulated):")
            lines += divergence.differences.map { "  \($0.subject) \($0.field): \($0.expected) → \($0.actual)" }
        } else {
            lines.append("no snapshot after it to compare fields with")
        }
        return lines.joined(separator: "\n")
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
