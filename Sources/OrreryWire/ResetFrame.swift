/// Server→client: the whole view at one tick; replaces the client's replica.
public struct ResetFrame: Hashable, Sendable {
    /// Session sequence number: previous seq + 1 (or the welcome's first seq).
    public var seq: UInt64
    public var tick: UInt64
    /// The last input seq the server applied (0 = none yet).
    public var lastInputSeq: UInt32
    /// Entity the player controls (0 = none).
    public var avatarId: UInt32
    /// Every entity in view, in ascending id order.
    public var entities: [EntityRecord]
    /// Version 2: the player's private state, every non-default value by ascending index.
    public var playerState: [WireProperty]
    /// Version 2: the universe state, every non-default value by ascending index.
    public var universeState: [WireProperty]

    public init(seq: UInt64, tick: UInt64, lastInputSeq: UInt32, avatarId: UInt32, entities: [EntityRecord],
                playerState: [WireProperty] = [], universeState: [WireProperty] = []) {
        self.playerState = playerState
        self.universeState = universeState
        self.seq = seq
        self.tick = tick
        self.lastInputSeq = lastInputSeq
        self.avatarId = avatarId
        self.entities = entities
    }
}
