/// Everything an observer sees now, for a reset frame.
public struct ViewSnapshot: Equatable, Hashable, Sendable {
    /// The tick of the state.
    public var tick: UInt64
    /// The player's avatar entity id (0 = none or spectator).
    public var avatar: UInt32
    /// The seq of the last input applied for this player (0 = none yet or spectator).
    public var lastAppliedInputSeq: UInt32
    /// The entities in view with their full state, ascending id.
    public var entities: [EntityState]
    /// Each entity's properties (`entityProperties[i]` belongs to `entities[i]`), indexed like
    /// `GameSchema.entityProperties`; empty arrays when the game declares none.
    public var entityProperties: [[PropertyValue]]
    /// The player's private state, indexed like `GameSchema.playerProperties` (empty for a spectator).
    public var playerState: [PropertyValue]
    /// The universe state, indexed like `GameSchema.universeProperties`.
    public var universeState: [PropertyValue]
}
