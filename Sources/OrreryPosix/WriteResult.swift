/// The outcome of a non-blocking write.
public enum WriteResult: Equatable, Sendable {
    /// This many bytes were accepted by the kernel (possibly fewer than offered).
    case wrote(Int)
    /// The kernel buffer is full; wait for writability.
    case wouldBlock
}
