/// Server→client: the answer to a ping.
public struct Pong: Hashable, Sendable {
    /// The ping's timestamp, unchanged.
    public var clientTimestamp: UInt64
    /// The universe's tick when the ping was answered.
    public var serverTick: UInt64

    public init(clientTimestamp: UInt64, serverTick: UInt64) {
        self.clientTimestamp = clientTimestamp
        self.serverTick = serverTick
    }
}
