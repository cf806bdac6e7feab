import OrreryJournal
import OrreryNet
import OrreryWire
import OrreryWorld

/// Everything `RelayServer` needs to run; `orrery serve` builds it from flags and environment variables.
public struct RelayConfiguration: Sendable {
    /// Address to listen on. Default 127.0.0.1.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free one. Default 8080.
    public var port = 8080
    /// Event loop threads; each universe lives on one. Default: one per core.
    public var loops = 1
    /// How the loops write to sockets: io_uring when the kernel allows it (`.auto`, the default), or forced.
    public var ioMode = IOMode.fromEnvironment
    /// Universe ticks per second. Default 20.
    public var tickRate = 20
    /// Universes created at start-up. Default `["demo"]`.
    public var universes = ["demo"]
    /// Whether joining an unknown universe creates it (up to `maximumUniverses`).
    public var createOnDemand = false
    /// Most universes at once (fixed plus on-demand). Default 64.
    public var maximumUniverses = 64
    /// How long an empty on-demand universe lingers before it is removed, in seconds. Default 30.
    public var emptyUniverseLingerSeconds = 30.0
    /// World width and height in metres. Default 2048.
    public var worldMetres: Int32 = 2048
    /// View enter radius in metres. Default 150.
    public var viewRadiusMetres: Int32 = 150
    /// View hysteresis in metres. Default 16.
    public var hysteresisMetres: Int32 = 16
    /// The rules of each universe, made from its name and configuration when it is created. Default `EmptyRules`
    /// (an empty world): a game sets its own, e.g. `{ _, config in MyRules(tickRate: config.tickRate) }`.
    public var rules: GameRulesFactory = { _, _ in EmptyRules() }
    /// Seed of the first universe (each next universe adds 1). Default 1.
    public var seed: UInt64 = 1
    /// Sessions: players, spectators, grace period, history, input limits, keep-alive.
    public var policy = HostPolicy()
    /// Ticket mode when set: upgrades need a ticket signed with this secret (401/403 otherwise).
    public var ticketSecret: String?
    /// Allowed `Origin` values (403 for others; requests without `Origin` pass); nil allows any.
    public var allowedOrigins: Set<String>?
    /// Most WebSocket connections in total (503 beyond). Default 10,000.
    public var maximumConnections = 10_000
    /// Most WebSocket connections per client IP address (503 beyond). Default 64.
    public var maximumConnectionsPerIP = 64
    /// Upgrade requests per IP address per second (429 beyond); bursts of twice as many. Default 20.
    public var handshakesPerIPPerSecond = 20.0
    /// Most connections per IP address whose HTTP request has not arrived yet; one more is answered 503 with
    /// `Retry-After: 1` at once and closed. Sockets that never send a request would otherwise hold descriptors
    /// until the hello timeout. nil (the default) uses `maximumConnectionsPerIP`, so a swarm of bots allowed that
    /// many connections may also open them all at once.
    public var maximumPendingHandshakesPerIP: Int?
    /// Plain HTTP requests (web view files, `/metrics`, `/universes`, `/healthz`, 404s) per IP address per second
    /// (429 with `Retry-After` beyond); bursts of twice as many. A page load is about six requests. Default 20.
    public var httpRequestsPerIPPerSecond = 20.0
    /// Largest client message in bytes (1009 beyond). Default 256: a version-2 join, input or command with the
    /// largest payloads a schema may allow fits (`WireProtocol.maxClientMessageBytes`).
    public var maximumMessageBytes = WireProtocol.maxClientMessageBytes
    /// Pending outbound bytes per connection above which it is closed with 4004 (resumable). Default 1 MiB.
    public var outboundCap = 1 << 20
    /// Seconds a closing connection has to take our close frame (and what is queued before it) and answer;
    /// then it is dropped. Default 5.
    public var closeTimeoutSeconds = 5.0
    /// Kernel send buffer (SO_SNDBUF) per game connection in bytes; nil keeps the system's autotuning (default).
    public var socketSendBuffer: Int?
    /// Extra ticks one late timer firing may run to catch up. Default 2.
    public var maximumCatchUpTicks = 2
    /// Seconds to close clients at shutdown before giving up. Default 5.
    public var shutdownSeconds = 5.0
    /// Seconds between metric snapshots (the staleness bound of `/metrics` and `/universes`). Default 1.
    public var publishSeconds = 1.0
    /// WebSocket ping interval in seconds; 0 disables heartbeats. Default 15.
    public var pingIntervalSeconds = 15.0
    /// Serve `GET /debug/universes/{name}/truth` (test-only: exposes the whole world). Default off.
    public var debugTruth = false
    /// Ticks of truth kept per universe when `debugTruth` is on. Default 200.
    public var truthTicks = 200
    /// When set, every universe is journaled into `journalDirectory/NAME/`, and at start-up every universe
    /// found there is restored at its last recorded tick with its sessions (`orrery serve --journal`).
    /// Default nil: no journal.
    public var journalDirectory: String?
    /// The journals' sync mode, snapshot interval, rotation and retention. Default `JournalPolicy()`: synced
    /// every 100 ms off the loops, a snapshot every 600 ticks.
    public var journalPolicy = JournalPolicy()

    /// The defaults described on each property.
    public init() {}

    /// The universe configuration of the `index`-th universe created.
    public func universeConfig(index: Int) -> UniverseConfig {
        UniverseConfig(width: worldMetres * 256, height: worldMetres * 256, tickRate: tickRate,
                       viewRadius: viewRadiusMetres * 256, hysteresis: hysteresisMetres * 256,
                       seed: seed &+ UInt64(index))
    }

    /// The `index`-th universe created, named `name`, with the rules `rules` makes for it, or the configuration
    /// or schema error.
    public func makeUniverse(named name: String, index: Int) throws(UniverseConfigError) -> Universe {
        let config = universeConfig(index: index)
        return try Universe(config: config, rules: rules(name, config))
    }
}
