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

    /// The event's tag byte.
    public var tag: EventTag {
        switch self {
        case .appeared: .appeared
        case .changed: .changed
        case .disappeared: .disappeared
        case .destroyed: .destroyed
        case .avatar: .avatar
        }
    }
}
