/// Server→client: the session is accepted (after join or resume); fixes the session's parameters.
public struct Welcome: Hashable, Sendable {
    /// Protocol version the server speaks for this session.
    public var version: UInt8
    /// The session's player id (0 for a spectator).
    public var playerId: UInt32
    /// Entity the player controls now (0 = none); the avatar event announces later changes.
    public var avatarId: UInt32
    /// Ticks per second, 1...1000.
    public var tickRateHz: UInt32
    /// The universe's tick when the welcome was sent.
    public var currentTick: UInt64
    /// World width in subunits, at least 1.
    public var worldWidth: Int32
    /// World height in subunits, at least 1.
    public var worldHeight: Int32
    /// View enter radius R in subunits (0 or more).
    public var viewRadius: Int32
    /// View hysteresis h in subunits (0 or more); an entity leaves the view beyond R + h.
    public var viewHysteresis: Int32
    /// The server sends a frame at least every this many ticks, at least 1.
    public var keepAliveTicks: UInt32
    /// Token to present in a resume if the connection drops.
    public var resumeToken: ResumeToken
    /// Seq of the next event frame or reset this session sends.
    public var firstSeq: UInt64
    /// Version 2: the authenticated player id from the ticket (0 in open mode and for spectators).
    public var account: UInt32

    public init(version: UInt8 = WireProtocol.version, playerId: UInt32, avatarId: UInt32, tickRateHz: UInt32,
                currentTick: UInt64, worldWidth: Int32, worldHeight: Int32, viewRadius: Int32,
                viewHysteresis: Int32, keepAliveTicks: UInt32, resumeToken: ResumeToken, firstSeq: UInt64,
                account: UInt32 = 0) {
        self.account = account
        self.version = version
        self.playerId = playerId
        self.avatarId = avatarId
        self.tickRateHz = tickRateHz
        self.currentTick = currentTick
        self.worldWidth = worldWidth
        self.worldHeight = worldHeight
        self.viewRadius = viewRadius
        self.viewHysteresis = viewHysteresis
        self.keepAliveTicks = keepAliveTicks
        self.resumeToken = resumeToken
        self.firstSeq = firstSeq
    }
}
