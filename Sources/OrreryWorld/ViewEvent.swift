/// One event in an observer's view for one tick (GAME_MODEL.md "Events in a player's view").
///
/// A tick's events for one observer come in the order: avatar, destroyed, disappeared, appeared, changed,
/// each group in ascending entity id.
public enum ViewEvent: Equatable, Hashable, Sendable {
    /// The entity the player now controls (0 = none).
    case avatar(entityID: UInt32)
    /// A seen entity was destroyed.
    case destroyed(id: UInt32, reason: DestroyReason)
    /// A seen entity left the view but still exists.
    case disappeared(id: UInt32)
    /// An entity entered the view or was created inside it; full state after the tick.
    case appeared(EntityState)
    /// A seen entity's velocity or heading changed, or it moved other than by its velocity; state after the tick.
    case changed(MotionState)

    /// The entity id the event is about (for `avatar`, the avatar entity id).
    public var entityID: UInt32 {
        switch self {
        case .avatar(let id): id
        case .destroyed(let id, _): id
        case .disappeared(let id): id
        case .appeared(let state): state.id
        case .changed(let motion): motion.id
        }
    }
}
