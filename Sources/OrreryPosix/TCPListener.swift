import CLinux
import Glibc

/// A listening TCP socket (non-blocking, close-on-exec, SO_REUSEADDR).
public struct TCPListener: ~Copyable {
    /// The owned descriptor.
    public let descriptor: FileDescriptor

    /// Binds `address` (port 0 picks a free port; see `localAddress()`) and starts listening.
    /// IPv6 listeners are IPv6-only, so `::` and `0.0.0.0` can be bound side by side.
    public init(address: SocketAddress, backlog: Int32 = 4096) throws(PosixError) {
        let socket = try TCPSocket(familyOf: address)
        let raw = socket.rawValue
        try SocketOption.set(raw, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1, call: "setsockopt(SO_REUSEADDR)")
        if address.isIPv6 {
            try SocketOption.set(raw, level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: 1, call: "setsockopt(IPV6_V6ONLY)")
        }
        _ = try Syscall.require("bind") { address.withSocketAddress { Int(bind(raw, $0, $1)) } }
        _ = try Syscall.require("listen") { Int(Glibc.listen(raw, backlog)) }
        descriptor = FileDescriptor(adopting: socket.take())
    }

    /// Adopts a listening descriptor (e.g. one handed over from another thread).
    public init(_ descriptor: consuming FileDescriptor) { self.descriptor = descriptor }

    /// The raw descriptor number (for epoll registration).
    public var rawValue: Int32 { descriptor.rawValue }

    /// The bound address, including the port the kernel chose for port 0.
    public borrowing func localAddress() throws(PosixError) -> SocketAddress {
        try SocketAddress.local(of: rawValue)
    }

    /// Accepts one pending connection (non-blocking, close-on-exec); nil when none is waiting.
    public borrowing func accept() throws(PosixError) -> AcceptedSocket? {
        let raw = rawValue
        let (outcome, peer) = try SocketAddress.fromKernel { (address, length) throws(PosixError) in
            try Syscall.call("accept4") { Int(accept4(raw, address, length, CLINUX_SOCK_NONBLOCK | CLINUX_SOCK_CLOEXEC)) }
        }
        guard case .value(let accepted) = outcome else { return nil }
        return AcceptedSocket(socket: TCPSocket(FileDescriptor(adopting: Int32(accepted))), peer: peer)
    }

    /// Closes now.
    public consuming func close() throws(PosixError) { try descriptor.close() }

    /// Wraps ownership for a hand-off to another thread.
    public consuming func detach() -> DetachedDescriptor { descriptor.detach() }
}
