/// One cycle of a churning bot: play, leave, come back.
public struct ChurnStep: Hashable, Sendable {
    /// How long to play before disconnecting, in milliseconds.
    public var playMilliseconds: Int
    /// Drop the socket without a close handshake (a network cut) instead of closing with 1000.
    public var abrupt: Bool
    /// Come back with the resume token (true) or join anew (false).
    public var resume: Bool
    /// How long to stay away, in milliseconds.
    public var awayMilliseconds: Int

    public init(playMilliseconds: Int, abrupt: Bool, resume: Bool, awayMilliseconds: Int) {
        self.playMilliseconds = playMilliseconds
        self.abrupt = abrupt
        self.resume = resume
        self.awayMilliseconds = awayMilliseconds
    }
}
