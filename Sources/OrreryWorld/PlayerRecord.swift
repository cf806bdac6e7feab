/// What the simulation keeps per player for every tick: the avatar and the input waiting for the next tick.
struct PlayerRecord: Sendable {
    let id: UInt32
    /// The avatar entity id, 0 = none.
    var avatar: UInt32 = 0
    /// The latest input received since the last tick, with the actions of all of them OR-ed.
    var pending: PlayerInput?
    /// The seq of the last input applied by a tick (0 = none yet).
    var lastAppliedSeq: UInt32 = 0
    /// The highest seq received so far (applied or pending), nil before the first input.
    var lastReceivedSeq: UInt32?
}

/// What the game keeps per player, beside its `PlayerRecord` so that the per-tick searches over the records stay
/// dense: who the player is and its private state.
struct PlayerGameState: Sendable {
    let identity: PlayerIdentity
    /// The private state, indexed like `GameSchema.playerProperties`.
    var values: [PropertyValue]
    /// Bit i: private property i changed since the last view update.
    var changed: UInt32 = 0
}
