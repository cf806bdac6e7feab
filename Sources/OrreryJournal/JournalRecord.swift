import OrreryWorld

/// One journal record: what happened to a universe, in the order it was applied (Protocol/JOURNAL.md).
///
/// The records between two `tick` records are the universe calls made between those ticks, in call order, and
/// replaying them in that order against a universe in the same state gives the same ids and the same next tick.
/// Only calls the universe accepted are recorded (an input it refused is not).
public enum JournalRecord: Sendable, Hashable {
    /// The segment's header (first record of every segment).
    case header(JournalHeader)
    /// A snapshot (right after a header in every segment but the first, and periodically).
    case snapshot(JournalSnapshot)
    /// `Universe.join(identity:)` returned `player`.
    case join(player: UInt32, identity: PlayerIdentity)
    /// `Universe.leave(player)`.
    case leave(player: UInt32)
    /// `Universe.addSpectator(view)` returned `spectator`.
    case spectatorAdded(spectator: UInt32, view: SpectatorView)
    /// `Universe.setSpectatorView(spectator, to: view)`.
    case spectatorViewChanged(spectator: UInt32, view: SpectatorView)
    /// `Universe.removeSpectator(spectator)`.
    case spectatorRemoved(spectator: UInt32)
    /// `Universe.submitInput(input, from: player)` accepted the input.
    case input(player: UInt32, input: PlayerInput)
    /// `Universe.submitCommand(command, from: player)` accepted the command.
    case command(player: UInt32, command: GameCommand)
    /// `Universe.step()` ran tick `tick`, after which `Universe.stateHash()` was `hash`.
    case tick(tick: UInt64, hash: UInt64)
    /// The universe was closed cleanly after tick `tick`.
    case end(tick: UInt64)
    /// A change to the server's sessions (opened, new resume token, closed), opaque to the journal: the server
    /// writes and reads its own bytes (`SessionRecord` in OrreryServer). Replay and verify skip it.
    case session([UInt8])

    /// The record's kind byte.
    public var kind: JournalRecordKind {
        switch self {
        case .header: .header
        case .snapshot: .snapshot
        case .join: .join
        case .leave: .leave
        case .spectatorAdded: .spectatorAdded
        case .spectatorViewChanged: .spectatorViewChanged
        case .spectatorRemoved: .spectatorRemoved
        case .input: .input
        case .command: .command
        case .tick: .tick
        case .end: .end
        case .session: .session
        }
    }
}
