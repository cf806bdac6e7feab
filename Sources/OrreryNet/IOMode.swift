import OrreryPosix

/// Which system interface an event loop writes through (`EventLoopConfiguration.ioMode`).
public enum IOMode: String, Sendable, CaseIterable {
    /// io_uring where the kernel allows it, else epoll.
    case auto
    /// One `send(2)` per connection and flush.
    case epoll
    /// A loop's flushes for all its connections in one `io_uring_enter`; loops fail to start without it.
    case ioUring = "io_uring"

    /// `ORRERY_IO` (`auto`, `epoll` or `io_uring`) when set to one of those, else `auto`.
    public static var fromEnvironment: IOMode {
        ProcessEnvironment.value("ORRERY_IO").flatMap(IOMode.init(rawValue:)) ?? .auto
    }
}
