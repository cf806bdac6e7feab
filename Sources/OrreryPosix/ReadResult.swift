/// The outcome of a non-blocking read.
public enum ReadResult: Equatable, Sendable {
    /// This many bytes were read (more than zero unless zero were asked for).
    case bytes(Int)
    /// Nothing to read right now.
    case wouldBlock
    /// The peer closed its sending side.
    case endOfFile
}
