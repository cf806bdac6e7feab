import OrreryArena
import OrreryJournal
import OrreryWorld

/// The games this binary can rebuild from a journal (replay, verify): the arena and the empty game.
enum JournalGames {
    static let rules: JournalReplay.RulesFactory = { game in
        switch game {
        case ArenaRules.gameSchema.game: ArenaRules()
        case EmptyRules().schema.game: EmptyRules()
        default: nil
        }
    }

    /// Shows `done` of `total` on stderr (redrawn on a terminal, every 5 s otherwise) when `enabled`.
    static func progress(enabled: Bool, label: String) -> (writer: ProgressWriter?, report: (Int, Int) -> Void) {
        guard enabled else { return (nil, { _, _ in }) }
        let writer = ProgressWriter(descriptor: 2)
        return (writer, { done, total in
            guard writer.isDue || done == total else { return }
            writer.show("\(label): \(done * 100 / max(total, 1))% (\(done) of \(total) records)")
        })
    }
}
