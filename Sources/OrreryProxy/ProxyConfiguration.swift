/// What a `ProxyServer` listens on, forwards to, and how it shapes and cuts its connections.
public struct ProxyConfiguration: Sendable {
    /// The address to listen on (numeric or `localhost`).
    public var listenHost = "127.0.0.1"
    /// The port to listen on; 0 picks a free one (see `ProxyServer.address`).
    public var listenPort = 9100
    /// The upstream server's numeric address (or `localhost`).
    public var upstreamHost: String
    /// The upstream server's port.
    public var upstreamPort: Int
    /// The shaping applied to each direction of every connection.
    public var link: LinkProfile = .unshaped
    /// When connections are cut.
    public var cuts: CutSchedule = .never
    /// The global seed; connection i uses `ConnectionSeeds(globalSeed: seed, connectionIndex: i)`.
    public var seed: UInt64 = 1
    /// Bytes one direction may hold in its shaper before the proxy stops reading its source; reading
    /// resumes once half of that has left. This bounds memory and, with a long delay, the throughput
    /// (at most `queueLimit / delay`, like a TCP window).
    public var queueLimit = 1 << 20
    /// Pending outbound bytes above which a connection counts as slow: the shaper holds its due bytes
    /// until the connection drains.
    public var outboundCap = 256 * 1024
    /// The kernel receive buffer (SO_RCVBUF) of both sockets of every connection, in bytes; nil keeps the
    /// kernel's autotuning. While a direction is paused (its shaper holds `queueLimit` bytes) the sender's
    /// bytes pile up in this buffer, and an autotuned one may grow to megabytes, so a sender behind a slow
    /// link would never feel the backpressure a real slow link gives. Set it (e.g. 4096) to bound that, for
    /// slow links only: a tiny window also caps the throughput (to tens of kB/s on loopback, where window
    /// updates wait for the delayed acknowledgement).
    public var socketReceiveBuffer: Int?
    /// How long to wait for the upstream connection before giving up on a client.
    public var connectTimeout: Duration = .seconds(5)
    /// How long a graceful close waits for the peer (see `Connection.close(timeout:)`).
    public var closeTimeout: Duration = .seconds(5)

    /// A configuration forwarding to `upstreamHost:upstreamPort`, unshaped and never cut.
    public init(upstreamHost: String, upstreamPort: Int) {
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
    }
}
