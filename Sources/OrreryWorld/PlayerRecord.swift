/// What the simulation keeps per player: its identity, the avatar, the input waiting for the next tick and its
/// private state.
struct PlayerRecord: Sendable {
    let id: UInt32
    let identity: PlayerIdentity
    /// The private state, indexed like `GameSchema.playerProperties`.
    var state: [PropertyValue]
    /// Bit i: private property i changed since the last view update.
    var stateChanged: UInt32 = 0
    /// The avatar entity id, 0 = none.
    var avatar: UInt32 = 0
    /// The latest input received since the last tick, with the actions of all of them OR-ed.
    var pending: PlayerInput?
    /// The seq of the last input applied by a tick (0 = none yet).
    var lastAppliedSeq: UInt32 = 0
    /// The highest seq received so far (applied or pending), nil before the first input.
    var lastReceivedSeq: UInt32?
}
