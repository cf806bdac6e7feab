import Glibc

/// Sole owner of an open file descriptor; closes it exactly once.
///
/// A `~Copyable` struct rather than a class: ownership is checked by the compiler (no copy can
/// close twice, no reference can outlive the close), and it costs no allocation. `deinit` closes a
/// descriptor that was neither closed explicitly nor taken.
public struct FileDescriptor: ~Copyable {
    /// The raw descriptor number, for registration with epoll and for logging. Never close it yourself.
    public let rawValue: Int32

    /// Takes ownership of an open descriptor.
    public init(adopting rawValue: Int32) { self.rawValue = rawValue }

    deinit { try? Syscall.close(rawValue) }

    /// Closes now, reporting a failure (the descriptor is released either way).
    public consuming func close() throws(PosixError) {
        let descriptor = rawValue
        discard self
        try Syscall.close(descriptor)
    }

    /// Gives up ownership without closing; the caller must adopt or close the returned number.
    public consuming func take() -> Int32 {
        let descriptor = rawValue
        discard self
        return descriptor
    }

    /// Wraps ownership in a thread-safe box that can be sent to another thread.
    public consuming func detach() -> DetachedDescriptor { DetachedDescriptor(take()) }

    /// Reads up to `count` bytes into `buffer` starting at `offset`.
    public borrowing func read(into buffer: inout [UInt8], at offset: Int = 0, count: Int? = nil) throws(PosixError) -> ReadResult {
        let length = count ?? (buffer.count - offset)
        precondition(offset >= 0 && length >= 0 && offset + length <= buffer.count, "read range outside the buffer")
        let descriptor = rawValue
        let outcome = try Syscall.call("read") {
            buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, length) }
        }
        switch outcome {
        case .value(0): return length == 0 ? .bytes(0) : .endOfFile
        case .value(let n): return .bytes(n)
        case .wouldBlock: return .wouldBlock
        }
    }

    /// Writes from `bytes` (plain `write`, for pipes and eventfds; sockets use `TCPSocket.write`).
    public borrowing func write(_ bytes: ArraySlice<UInt8>) throws(PosixError) -> WriteResult {
        let descriptor = rawValue
        let outcome = try Syscall.call("write") {
            bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        }
        switch outcome {
        case .value(let n): return .wrote(n)
        case .wouldBlock: return .wouldBlock
        }
    }

    /// Whether the descriptor number is currently open in this process (fcntl F_GETFD).
    public static func isOpen(_ rawValue: Int32) -> Bool { fcntl(rawValue, F_GETFD) != -1 }

    /// Opens a file read-only (close-on-exec).
    public static func open(path: String) throws(PosixError) -> FileDescriptor {
        let descriptor = try Syscall.require("open") { Int(Glibc.open(path, O_RDONLY | O_CLOEXEC)) }
        return FileDescriptor(adopting: Int32(descriptor))
    }
}
