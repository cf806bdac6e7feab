/// The system interface an event loop actually writes through, chosen at start from its `IOMode`.
public enum IOBackend: String, Sendable, CaseIterable {
    /// epoll readiness and one `send(2)` per connection.
    case epoll
    /// epoll readiness; the iteration's sends of all connections batched through io_uring.
    case ioUring = "io_uring"
}
