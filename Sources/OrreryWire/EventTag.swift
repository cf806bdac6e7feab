/// The first byte of every event inside an event frame.
public enum EventTag: UInt8, CaseIterable, Sendable {
    case appeared = 1
    case changed = 2
    case disappeared = 3
    case destroyed = 4
    case avatar = 5

    /// The registry name used in Protocol/messages.tsv and in the canonical text form.
    public var name: String {
        switch self {
        case .appeared: "appeared"
        case .changed: "changed"
        case .disappeared: "disappeared"
        case .destroyed: "destroyed"
        case .avatar: "avatar"
        }
    }
}
