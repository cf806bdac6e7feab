import OrreryArena
import OrreryClient
import OrreryNet
import OrreryPosix
import OrreryProxy
import OrreryServer
import TestSupport

/// An in-process relay on 127.0.0.1 (port 0) with its truth on, proxies in front of it, and truth bots on their
/// own loop connecting through a proxy. Call `finish()` at the end (it stops the bots, proxies and server).
final class LatencyRig: Sendable {
    let server: RelayServer
    let universe: String
    private let proxyLoops: EventLoopGroup
    let clientLoops: EventLoopGroup

    /// A relay with one universe at 20 Hz, adjusted by `adjust`.
    init(universe: String = "demo", _ adjust: (inout RelayConfiguration) -> Void = { _ in }) throws {
        var configuration = RelayConfiguration()
        configuration.port = 0
        configuration.loops = 1
        configuration.universes = [universe]
        configuration.worldMetres = 600
        configuration.viewRadiusMetres = 120
        configuration.rules = ArenaRules.factory(asteroids: 80, npcs: 16)
        configuration.policy.maximumPlayers = 200
        configuration.policy.helloTimeoutNanoseconds = 60_000_000_000
        configuration.maximumConnectionsPerIP = 10_000
        configuration.handshakesPerIPPerSecond = 100_000
        configuration.pingIntervalSeconds = 0
        configuration.publishSeconds = 0.1
        configuration.debugTruth = true
        configuration.truthTicks = 600
        adjust(&configuration)
        self.universe = universe
        server = try RelayServer(configuration: configuration,
                                 logger: Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in }))
        proxyLoops = try EventLoopGroup(loopCount: 1, name: "latency-proxy")
        clientLoops = try EventLoopGroup(loopCount: 1, name: "latency-bots")
    }

    /// A proxy in front of the relay (listening on a free port) shaping each direction with `link`.
    func proxy(link: LinkProfile, cuts: CutSchedule = .never, seed: UInt64 = 7,
               queueLimit: Int? = nil, socketReceiveBuffer: Int? = nil) async throws -> ProxyServer {
        var configuration = ProxyConfiguration(upstreamHost: "127.0.0.1", upstreamPort: server.port)
        configuration.listenPort = 0
        configuration.link = link
        configuration.cuts = cuts
        configuration.seed = seed
        if let queueLimit { configuration.queueLimit = queueLimit }
        configuration.socketReceiveBuffer = socketReceiveBuffer
        let loop = proxyLoops.loops[0]
        let settings = configuration
        return try await loop.submit {
            Result { () throws(PosixError) in try ProxyServer(configuration: settings, loop: loop) }
        }.get()
    }

    /// The port a proxy listens on.
    func port(of proxy: ProxyServer) async throws -> Int {
        try await proxy.loop.submit { proxy.address.port }
    }

    /// The proxy's counters.
    func statistics(of proxy: ProxyServer) async throws -> ProxyStatistics {
        try await proxy.loop.submit { proxy.statistics }
    }

    /// `count` playing bots (seeds `firstSeed`, `firstSeed + 1`, ...) through `port`, started now; `checked`
    /// ones compare their replicas with the truth.
    func bots(_ count: Int, port: Int, firstSeed: UInt64 = 1, checked: Bool = true,
              reconnects: Bool = true) async throws -> [TruthBot] {
        let loop = clientLoops.loops[0]
        let truth = checked ? server.truthLog(for: universe) : nil
        var bots: [TruthBot] = []
        for index in 0..<count {
            let bot = try TruthBot(loop: loop, port: port, universe: universe, truth: truth,
                                   seed: firstSeed + UInt64(index), reconnects: reconnects)
            bots.append(bot)
            try await loop.submit { bot.start() }
        }
        return bots
    }

    /// Every bot's report, read on its loop.
    func reports(_ bots: [TruthBot]) async throws -> [TruthBot.Report] {
        var reports: [TruthBot.Report] = []
        for bot in bots { reports.append(try await bot.loop.submit { bot.snapshot }) }
        return reports
    }

    /// Waits until every bot was welcomed (a hang guard of `limit`, not a timing assertion); true if they were.
    func waitUntilLive(_ bots: [TruthBot], limit: Duration = .seconds(60)) async throws -> Bool {
        try await eventually(limit) {
            try await reports(bots).allSatisfy { $0.statistics.joins >= 1 }
        }
    }

    /// One merged metric value.
    func counter(_ descriptor: MetricDescriptor, _ labels: [String] = []) -> UInt64 {
        server.metricsSnapshot().counter(descriptor, labels: labels) ?? 0
    }

    /// `count` checked bots (seeds from `firstSeed`) through one proxy shaping each direction with `link`, playing
    /// for `duration` once all were welcomed; then everything is stopped. Returns whether all were welcomed, their
    /// tally and the proxy's counters.
    func play(_ count: Int, through link: LinkProfile, seed: UInt64, firstSeed: UInt64 = 1,
              for duration: Duration) async throws -> (live: Bool, tally: BotTally, proxy: ProxyStatistics) {
        let proxy = try await proxy(link: link, seed: seed)
        let bots = try await bots(count, port: try await port(of: proxy), firstSeed: firstSeed)
        let live = try await waitUntilLive(bots)
        if live { try await Task.sleep(for: duration) }
        let tally = BotTally(try await reports(bots))
        let proxied = try await statistics(of: proxy)
        try await finish(bots: bots, proxies: [proxy])
        return (live, tally, proxied)
    }

    /// Stops the bots (waiting for their sockets to close), the proxies and the relay.
    func finish(bots: [TruthBot], proxies: [ProxyServer]) async throws {
        for bot in bots { try await bot.loop.submit { bot.stop() } }
        _ = try await eventually(.seconds(10)) {
            var finished = true
            for bot in bots where try await !bot.loop.submit({ bot.connection.isFinished }) { finished = false }
            return finished
        }
        for proxy in proxies { try await proxy.loop.submit { proxy.stop() } }
        server.shutdown(timeout: .seconds(2))
        clientLoops.shutdown()
        proxyLoops.shutdown()
    }
}
