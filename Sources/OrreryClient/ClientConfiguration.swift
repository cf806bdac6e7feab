import OrreryWire

/// What a `ClientConnection` connects to, as whom, and how it behaves when the connection drops.
public struct ClientConfiguration: Sendable {
    /// The server and universe.
    public var address: GameAddress
    /// Player (an avatar to steer) or spectator.
    public var role: OrreryWire.Role
    /// Spectators only: the view rectangle in subunits; nil watches the whole world (as far as the server allows).
    public var region: Region?
    /// An optional display name (1-32 bytes of UTF-8).
    public var displayName: String?
    /// A ticket for servers in ticket mode, sent as the `ticket=` query parameter.
    public var ticket: String?
    /// Backoff between reconnection attempts.
    public var reconnect: ReconnectPolicy
    /// Whether to reconnect (resume, or join anew when the server says so) after a connection is lost. Default true.
    public var reconnects: Bool
    /// Time between pings (round-trip time and server clock). Default 2 s.
    public var pingInterval: Duration
    /// Time allowed from opening the socket to the welcome. Default 10 s.
    public var helloTimeout: Duration
    /// Time allowed for the TCP connect and, separately, for the HTTP upgrade. Default 10 s.
    public var connectTimeout: Duration
    /// How long a client that was never welcomed keeps retrying a failing connect before it stops on its own,
    /// naming the last failure in `stopReason` (an interactive viewer should say why it cannot connect instead
    /// of waiting forever); nil, the default, retries with backoff until stopped, as a bot under load should.
    public var startupTimeout: Duration?
    /// Seed of the reconnect jitter.
    public var seed: UInt64
    /// The protocol version to join and resume with. Default 2 (schema, properties, messages, commands);
    /// 1 gets positions only, as a client from before version 2 would.
    public var protocolVersion: UInt8

    /// A configuration with the defaults described on each property.
    public init(address: GameAddress, role: OrreryWire.Role = .player, region: Region? = nil,
                displayName: String? = nil, ticket: String? = nil, seed: UInt64 = 0) {
        self.address = address
        self.role = role
        self.region = region
        self.displayName = displayName
        self.ticket = ticket
        self.seed = seed
        protocolVersion = WireProtocol.version
        reconnect = ReconnectPolicy()
        reconnects = true
        pingInterval = .seconds(2)
        helloTimeout = .seconds(10)
        connectTimeout = .seconds(10)
    }
}
