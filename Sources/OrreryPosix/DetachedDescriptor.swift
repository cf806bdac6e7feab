import Synchronization

/// A descriptor in transit between threads (e.g. a socket handed to another event loop).
///
/// Exactly one `take()` succeeds; if nobody takes it, the descriptor is closed when the box is released,
/// so a hand-off dropped on the floor (a stopped loop's mailbox) does not leak.
public final class DetachedDescriptor: Sendable {
    private let descriptor: Atomic<Int32>

    init(_ rawValue: Int32) { descriptor = Atomic(rawValue) }

    deinit {
        let remaining = descriptor.load(ordering: .acquiring)
        if remaining >= 0 { try? Syscall.close(remaining) }
    }

    /// Claims the descriptor; nil if it was already claimed.
    public func take() -> FileDescriptor? {
        let raw = descriptor.exchange(-1, ordering: .acquiringAndReleasing)
        return raw >= 0 ? FileDescriptor(adopting: raw) : nil
    }
}
