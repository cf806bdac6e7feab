/// The kind byte of a journal record (Protocol/JOURNAL.md, section "Records").
public enum JournalRecordKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The segment's header: format, universe, game, schema, configuration, initial rules state, sync mode.
    case header = 0x01
    /// A full snapshot of the universe and of the server's sessions.
    case snapshot = 0x02
    /// A player joined (with its identity and the id it got).
    case join = 0x10
    /// A player left.
    case leave = 0x11
    /// A spectator was added (with its id and view).
    case spectatorAdded = 0x12
    /// A spectator's view changed.
    case spectatorViewChanged = 0x13
    /// A spectator was removed.
    case spectatorRemoved = 0x14
    /// A player's input was accepted for the next tick.
    case input = 0x15
    /// A player's command was accepted for the next tick.
    case command = 0x16
    /// A tick ran; carries the state hash after it.
    case tick = 0x20
    /// The universe was closed cleanly at this tick (nothing follows).
    case end = 0x21
    /// A change to the server's sessions (the server's own bytes).
    case session = 0x30

    public var description: String {
        switch self {
        case .header: "header"
        case .snapshot: "snapshot"
        case .join: "join"
        case .leave: "leave"
        case .spectatorAdded: "spectator-added"
        case .spectatorViewChanged: "spectator-view"
        case .spectatorRemoved: "spectator-removed"
        case .input: "input"
        case .command: "command"
        case .tick: "tick"
        case .end: "end"
        case .session: "session"
        }
    }
}
