/// Where and how `RedisClient` connects. Every field has a default suited to a node on the same network as Redis.
public struct RedisClientConfiguration: Equatable, Sendable {
    /// Reply shapes the client asks for.
    public enum ProtocolVersion: Int, Sendable {
        /// Plain RESP2, what every Redis speaks.
        case resp2 = 2
        /// RESP3 (`HELLO 3` on connect, Redis 6 and later): maps, sets, doubles and booleans keep their type.
        case resp3 = 3
    }

    /// A numeric IPv4 or IPv6 address. Default 127.0.0.1.
    public var host: String
    /// Default 6379, Redis's port.
    public var port: Int
    /// Default `.resp2`.
    public var protocolVersion: ProtocolVersion
    /// How long a command may wait for its reply, counted from when it was issued (so time spent waiting for a
    /// connection counts). Default 2 s: far above a healthy Redis's sub-millisecond replies, below a lease's life.
    public var commandTimeout: Duration
    /// How long one connection attempt may take. Default 1 s.
    public var connectTimeout: Duration
    /// The first wait before reconnecting after a lost connection; doubled after each failed attempt up to
    /// `maxReconnectDelay`, reset once a connection is ready. Default 50 ms.
    public var initialReconnectDelay: Duration
    /// Default 2 s: a restarted Redis is found within two seconds of coming back.
    public var maxReconnectDelay: Duration

    public init(host: String = "127.0.0.1", port: Int = 6379, protocolVersion: ProtocolVersion = .resp2,
                commandTimeout: Duration = .seconds(2), connectTimeout: Duration = .seconds(1),
                initialReconnectDelay: Duration = .milliseconds(50), maxReconnectDelay: Duration = .seconds(2)) {
        self.host = host
        self.port = port
        self.protocolVersion = protocolVersion
        self.commandTimeout = commandTimeout
        self.connectTimeout = connectTimeout
        self.initialReconnectDelay = initialReconnectDelay
        self.maxReconnectDelay = maxReconnectDelay
    }
}
