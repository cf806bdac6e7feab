/// When journal records reach the disk (`orrery serve --journal-sync`). What each mode can lose in a crash is in
/// Protocol/JOURNAL.md, section "Durability".
public enum JournalSyncMode: Sendable, Hashable, CustomStringConvertible {
    /// After every tick, before any client is told that an input of that tick was applied: a crash loses nothing
    /// a client was told happened.
    case everyTick
    /// At most every `milliseconds` (default 100 ms): a crash loses at most that much.
    case interval(milliseconds: Int)
    /// Left to the operating system's write-back (typically up to 30 s lost on power failure; nothing lost when
    /// only the process dies).
    case operatingSystem

    /// The default interval mode, 100 ms.
    public static let defaultInterval = JournalSyncMode.interval(milliseconds: 100)

    /// Parses `tick`, `interval` (100 ms), `interval:MS` or `os`.
    public init?(argument: String) {
        switch argument {
        case "tick": self = .everyTick
        case "os": self = .operatingSystem
        case "interval": self = JournalSyncMode.defaultInterval
        default:
            guard argument.hasPrefix("interval:"), let milliseconds = Int(argument.dropFirst("interval:".count)),
                  milliseconds > 0 else { return nil }
            self = .interval(milliseconds: milliseconds)
        }
    }

    /// The spelling `init(argument:)` reads.
    public var description: String {
        switch self {
        case .everyTick: "tick"
        case .interval(let milliseconds): "interval:\(milliseconds)"
        case .operatingSystem: "os"
        }
    }
}
