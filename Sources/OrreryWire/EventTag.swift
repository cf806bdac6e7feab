/// The first byte of every event inside an event frame.
public enum EventTag: UInt8, CaseIterable, Sendable {
    case appeared = 1
    case changed = 2
    case disappeared = 3
    case destroyed = 4
    case avatar = 5
    /// Version 2 only, like the tags below.
    case properties = 6
    case playerState = 7
    case universeState = 8
    case message = 9

    /// The registry name used in Protocol/messages.tsv and in the canonical text form.
    /// The first protocol version that has this event.
    public var sinceVersion: UInt8 { rawValue >= 6 ? 2 : 1 }

    public var name: String {
        switch self {
        case .appeared: "appeared"
        case .changed: "changed"
        case .disappeared: "disappeared"
        case .destroyed: "destroyed"
        case .avatar: "avatar"
        case .properties: "properties"
        case .playerState: "player-state"
        case .universeState: "universe-state"
        case .message: "message"
        }
    }
}
