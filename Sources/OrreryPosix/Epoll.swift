import CLinux
import Glibc

/// An epoll instance (close-on-exec). Registrations carry a caller-chosen 64-bit token.
public struct Epoll: ~Copyable {
    /// The owned epoll descriptor.
    public let descriptor: FileDescriptor

    /// Creates an epoll instance.
    public init() throws(PosixError) {
        let raw = try Syscall.require("epoll_create1") { Int(epoll_create1(Int32(EPOLL_CLOEXEC))) }
        descriptor = FileDescriptor(adopting: Int32(raw))
    }

    /// Starts watching `target` for `events` (level-triggered), reporting `token`.
    public borrowing func add(_ target: Int32, events: EpollEvents, token: UInt64) throws(PosixError) {
        try control(EPOLL_CTL_ADD, target, events: events, token: token, call: "epoll_ctl(ADD)")
    }

    /// Changes the watched events and/or token of `target`.
    public borrowing func modify(_ target: Int32, events: EpollEvents, token: UInt64) throws(PosixError) {
        try control(EPOLL_CTL_MOD, target, events: events, token: token, call: "epoll_ctl(MOD)")
    }

    /// Stops watching `target` (closing a descriptor also removes it).
    public borrowing func remove(_ target: Int32) throws(PosixError) {
        try control(EPOLL_CTL_DEL, target, events: [], token: 0, call: "epoll_ctl(DEL)")
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever, 0: poll) and returns how many events were stored in `buffer`.
    public borrowing func wait(into buffer: EpollEventBuffer, timeoutMilliseconds: Int32) throws(PosixError) -> Int {
        let raw = descriptor.rawValue
        let outcome = try Syscall.call("epoll_wait") {
            Int(epoll_wait(raw, buffer.storage, Int32(buffer.capacity), timeoutMilliseconds))
        }
        if case .value(let count) = outcome { return count }
        return 0
    }

    private borrowing func control(_ operation: Int32, _ target: Int32, events: EpollEvents, token: UInt64, call: StaticString) throws(PosixError) {
        var event = epoll_event()
        clinux_epoll_event_set(&event, events.rawValue, token)
        let raw = descriptor.rawValue
        _ = try Syscall.require(call) { Int(epoll_ctl(raw, operation, target, &event)) }
    }
}
