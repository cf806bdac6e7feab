import CLinux

/// A reusable array of epoll results, filled by `Epoll.wait`.
///
/// A final class because it owns manually allocated memory (epoll_event is packed on x86_64,
/// so entries are read through C helpers rather than as Swift values).
public final class EpollEventBuffer {
    /// How many events one wait can report.
    public let capacity: Int
    let storage: UnsafeMutablePointer<epoll_event>

    /// Allocates room for `capacity` events.
    public init(capacity: Int) {
        precondition(capacity > 0, "an epoll event buffer needs room for at least one event")
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// The token registered with the descriptor that produced event `index`.
    public func token(at index: Int) -> UInt64 { clinux_epoll_event_token(storage, Int32(index)) }

    /// The readiness flags of event `index`.
    public func events(at index: Int) -> EpollEvents { EpollEvents(rawValue: clinux_epoll_event_events(storage, Int32(index))) }
}
