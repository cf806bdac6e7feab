/// A freshly accepted connection and the peer address the kernel reported for it.
public struct AcceptedSocket: ~Copyable {
    /// The connected socket (non-blocking, close-on-exec).
    public var socket: TCPSocket
    /// The peer address, if the kernel reported one.
    public let peer: SocketAddress?

    /// Gives up the wrapper, keeping the socket.
    public consuming func takeSocket() -> TCPSocket { socket }
}
