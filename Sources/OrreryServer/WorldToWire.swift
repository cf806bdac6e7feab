import OrreryWire
import OrreryWorld

/// World → wire: the one place world types become wire types. Both sides share GAME_MODEL.md's units, so every
/// mapping is a field-by-field copy.
public enum WorldToWire {
    /// The wire event for a world view event; nil for the game-state events version 1 cannot carry.
    @inline(__always)
    public static func event(_ event: ViewEvent) -> WireEvent? {
        switch event {
        case .avatar(let id): .avatar(id: id)
        case .destroyed(let id, let reason): .destroyed(id: id, reason: Self.reason(reason))
        case .disappeared(let id): .disappeared(id: id)
        case .appeared(let state): .appeared(record(state))
        case .changed(let motion): .changed(Self.motion(motion))
        case .properties, .playerState, .universeState, .message: nil
        }
    }

    /// The wire entity record (appeared event, reset record) for an entity's full state.
    @inline(__always)
    public static func record(_ state: EntityState) -> OrreryWire.EntityRecord {
        OrreryWire.EntityRecord(id: state.id, kind: state.kind, x: state.x, y: state.y, vx: state.vx, vy: state.vy,
                                heading: state.heading, radius: state.radius, owner: state.owner)
    }

    /// The wire motion (changed event) for an entity's motion state.
    @inline(__always)
    public static func motion(_ motion: MotionState) -> EntityMotion {
        EntityMotion(id: motion.id, x: motion.x, y: motion.y, vx: motion.vx, vy: motion.vy, heading: motion.heading)
    }

    /// The wire destroy reason (the byte values are the same on both sides).
    @inline(__always)
    public static func reason(_ reason: OrreryWorld.DestroyReason) -> OrreryWire.DestroyReason {
        switch reason {
        case .expired: .expired
        case .collision: .collision
        case .shot: .shot
        case .ownerLeft: .ownerLeft
        }
    }
}
