import CLinux
import Glibc

/// A non-blocking, close-on-exec TCP stream socket that owns its descriptor.
public struct TCPSocket: ~Copyable {
    /// The owned descriptor.
    public let descriptor: FileDescriptor

    /// Wraps an already open stream socket.
    public init(_ descriptor: consuming FileDescriptor) { self.descriptor = descriptor }

    /// Opens a new unconnected socket for the address family of `address`.
    public init(familyOf address: SocketAddress) throws(PosixError) {
        let raw = try Syscall.require("socket") {
            Int(socket(address.family, CLINUX_SOCK_STREAM | CLINUX_SOCK_NONBLOCK | CLINUX_SOCK_CLOEXEC, 0))
        }
        descriptor = FileDescriptor(adopting: Int32(raw))
    }

    /// The raw descriptor number (for epoll registration and logs).
    public var rawValue: Int32 { descriptor.rawValue }

    /// Binds the local end before `connect` (e.g. to a chosen loopback address such as 127.0.0.2; port 0 lets
    /// the kernel pick one).
    public borrowing func bind(to address: SocketAddress) throws(PosixError) {
        let raw = rawValue
        _ = try Syscall.require("bind") { address.withSocketAddress { Int(Glibc.bind(raw, $0, $1)) } }
    }

    /// Starts a non-blocking connect.
    public borrowing func connect(to address: SocketAddress) throws(PosixError) -> ConnectStatus {
        let raw = rawValue
        do throws(PosixError) {
            let outcome = try Syscall.call("connect") {
                address.withSocketAddress { Int(Glibc.connect(raw, $0, $1)) }
            }
            return if case .value = outcome { .connected } else { .inProgress }
        } catch {
            if error.errno == .inProgress { return .inProgress }
            throw error
        }
    }

    /// Reads into `buffer` (from `offset`, at most `count` bytes, default: the rest of the buffer).
    public borrowing func read(into buffer: inout [UInt8], at offset: Int = 0, count: Int? = nil) throws(PosixError) -> ReadResult {
        try descriptor.read(into: &buffer, at: offset, count: count)
    }

    /// Sends bytes with MSG_NOSIGNAL (a closed peer gives EPIPE, never SIGPIPE).
    public borrowing func write(_ bytes: ArraySlice<UInt8>) throws(PosixError) -> WriteResult {
        let raw = rawValue
        let outcome = try Syscall.call("send") {
            bytes.withUnsafeBytes { send(raw, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        switch outcome {
        case .value(let n): return .wrote(n)
        case .wouldBlock: return .wouldBlock
        }
    }

    /// Which direction(s) `shutdown` closes.
    public enum ShutdownDirection: Sendable {
        case read, write, both
    }

    /// Half- or fully shuts the connection down without releasing the descriptor.
    public borrowing func shutdown(_ direction: ShutdownDirection) throws(PosixError) {
        let how: Int32 = switch direction {
        case .read: Int32(SHUT_RD)
        case .write: Int32(SHUT_WR)
        case .both: Int32(SHUT_RDWR)
        }
        let raw = rawValue
        _ = try Syscall.require("shutdown") { Int(Glibc.shutdown(raw, how)) }
    }

    /// The peer's address, or nil if the socket is not connected.
    public borrowing func peerAddress() -> SocketAddress? {
        let raw = rawValue
        let result = try? SocketAddress.fromKernel { (address, length) throws(PosixError) in
            try Syscall.require("getpeername") { Int(getpeername(raw, address, length)) }
        }
        return result?.1
    }

    /// The local address this socket is bound to.
    public borrowing func localAddress() throws(PosixError) -> SocketAddress {
        try SocketAddress.local(of: rawValue)
    }

    /// Closes now.
    public consuming func close() throws(PosixError) { try descriptor.close() }

    /// Gives up ownership of the descriptor number without closing.
    public consuming func take() -> Int32 { descriptor.take() }

    /// Wraps ownership for a hand-off to another thread (adopt with `TCPSocket(detached.take()!)`).
    public consuming func detach() -> DetachedDescriptor { descriptor.detach() }
}
