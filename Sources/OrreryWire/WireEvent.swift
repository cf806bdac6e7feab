/// One event inside an event frame.
public enum WireEvent: Hashable, Sendable {
    /// The entity entered the view or was created inside it.
    case appeared(EntityRecord)
    /// The entity's velocity or heading changed, or it moved other than by the motion rule.
    case changed(EntityMotion)
    /// The entity left the view but still exists.
    case disappeared(id: UInt32)
    /// The entity no longer exists.
    case destroyed(id: UInt32, reason: DestroyReason)
    /// The player now controls this entity (0 = none).
    case avatar(id: UInt32)
    /// Version 2: changed entity properties of a seen entity, by ascending index.
    case properties(id: UInt32, values: [WireProperty])
    /// Version 2: changed private player state, by ascending index.
    case playerState([WireProperty])
    /// Version 2: changed universe state, by ascending index.
    case universeState([WireProperty])
    /// Version 2: a game message.
    case message(WireGameMessage)

    /// The event's tag byte.
    public var tag: EventTag {
        switch self {
        case .appeared: .appeared
        case .changed: .changed
        case .disappeared: .disappeared
        case .destroyed: .destroyed
        case .avatar: .avatar
        case .properties: .properties
        case .playerState: .playerState
        case .universeState: .universeState
        case .message: .message
        }
    }
}
