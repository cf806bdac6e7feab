import CLinux
import Glibc

/// A non-blocking eventfd used to wake a thread blocked in epoll_wait.
public struct EventFD: ~Copyable {
    /// The owned descriptor.
    public let descriptor: FileDescriptor

    /// Creates a non-blocking, close-on-exec eventfd with a zero counter.
    public init() throws(PosixError) {
        let raw = try Syscall.require("eventfd") { Int(eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))) }
        descriptor = FileDescriptor(adopting: Int32(raw))
    }

    /// The raw descriptor number (for epoll registration).
    public var rawValue: Int32 { descriptor.rawValue }

    /// Makes the descriptor readable. Safe from any thread. A saturated counter already means "readable".
    public borrowing func signal() throws(PosixError) {
        var one: UInt64 = 1
        let raw = rawValue
        _ = try Syscall.call("write(eventfd)") { Glibc.write(raw, &one, MemoryLayout<UInt64>.size) }
    }

    /// Resets the counter to zero; returns how many signals were pending.
    @discardableResult
    public borrowing func drain() throws(PosixError) -> UInt64 {
        var count: UInt64 = 0
        let raw = rawValue
        let outcome = try Syscall.call("read(eventfd)") { Glibc.read(raw, &count, MemoryLayout<UInt64>.size) }
        if case .value = outcome { return count }
        return 0
    }
}
