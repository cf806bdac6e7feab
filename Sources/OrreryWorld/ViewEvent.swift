/// One event in an observer's view for one tick (GAME_MODEL.md "Events in a player's view").
///
/// A tick's events for one observer come in the order: avatar, destroyed, disappeared, appeared, changed,
/// properties (each group in ascending entity id), player state, universe state, messages (in the order sent).
///
/// The state events carry which values changed, not the values: an encoder reads them from the universe right
/// after the step (`Universe.property(_:of:)`, `playerState(_:of:)`, `universeState(_:)`, `messages`), so a
/// game without properties pays nothing for them.
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
    /// Entity properties of a seen entity changed while it stayed in view (not sent for an entity that appeared
    /// this tick: its `appeared` already carries the values after the tick).
    case properties(id: UInt32, changed: PropertyMask)
    /// The player's private state changed; on its first update after joining, every non-default value.
    case playerState(changed: PropertyMask)
    /// The universe state changed; on an observer's first update, every non-default value.
    case universeState(changed: PropertyMask)
    /// A game message for this observer: `Universe.messages[index]`.
    case message(index: Int)

    /// The entity id the event is about (for `avatar`, the avatar entity id; 0 for player state, universe state
    /// and messages).
    public var entityID: UInt32 {
        switch self {
        case .avatar(let id): id
        case .destroyed(let id, _): id
        case .disappeared(let id): id
        case .appeared(let state): state.id
        case .changed(let motion): motion.id
        case .properties(let id, _): id
        case .playerState, .universeState, .message: 0
        }
    }
}
