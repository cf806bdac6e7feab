/// Tunables of an event loop.
public struct EventLoopConfiguration: Sendable {
    /// Size of the one read buffer the loop shares among all its connections.
    public var readBufferSize = 64 * 1024
    /// Most epoll events handled per wake-up.
    public var maxEventsPerWait = 1024
    /// Most connections a listener accepts per readiness event.
    public var maxAcceptsPerWakeup = 512
    /// Default outbound byte cap of new connections (see `Connection.outboundCap`).
    public var outboundCap = 1 << 20
    /// How long a listener pauses when the process is out of descriptors (EMFILE/ENFILE).
    public var acceptBackoff: Duration = .milliseconds(100)
    /// How flushes reach the kernel; by default `ORRERY_IO` if set, else `.auto` (io_uring when available).
    public var ioMode = IOMode.fromEnvironment

    /// The defaults.
    public init() {}
}
