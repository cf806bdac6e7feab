import OrreryWorld

extension Universe {
    /// Applies a recorded universe call (join, leave, spectator, input or command) and checks that it has the
    /// recorded result: the same new id, an accepted input or command, a known observer. `record` numbers the
    /// record in errors. Headers, snapshots, ticks and ends are not calls: `JournalReplay` handles them.
    public mutating func apply(_ entry: JournalRecord, record: Int = 0) throws(JournalError) {
        switch entry {
        case .join(let player, let identity):
            let id = join(identity: identity)
            guard id == player else { throw .replayMismatch(record: record, reason: "join gave player \(id), recorded \(player)") }
        case .leave(let player):
            guard leave(player) else { throw .replayMismatch(record: record, reason: "leave of unknown player \(player)") }
        case .spectatorAdded(let spectator, let view):
            let id = addSpectator(view)
            guard id == spectator else {
                throw .replayMismatch(record: record, reason: "spectator got id \(id), recorded \(spectator)")
            }
        case .spectatorViewChanged(let spectator, let view):
            guard setSpectatorView(spectator, to: view) else {
                throw .replayMismatch(record: record, reason: "view change of unknown spectator \(spectator)")
            }
        case .spectatorRemoved(let spectator):
            guard removeSpectator(spectator) else {
                throw .replayMismatch(record: record, reason: "removal of unknown spectator \(spectator)")
            }
        case .input(let player, let input):
            guard submitInput(input, from: player) else {
                throw .replayMismatch(record: record, reason: "input \(input.seq) of player \(player) refused")
            }
        case .command(let player, let command):
            guard submitCommand(command, from: player) else {
                throw .replayMismatch(record: record, reason: "command of player \(player) refused")
            }
        case .header, .snapshot, .tick, .end, .session:
            throw .replayMismatch(record: record, reason: "a \(entry.kind) record is not a universe call")
        }
    }
}
