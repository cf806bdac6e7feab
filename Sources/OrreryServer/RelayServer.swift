import Dispatch
import Foundation
import OrreryNet
import OrreryPosix
import OrreryWebSocket
import OrreryWire
import OrreryWorld
import Synchronization

/// The relay a game developer deploys: event loops, universes (each on one loop, ticking on a fixed schedule),
/// the WebSocket server with its routes, the handshake gate, metrics and shutdown.
///
/// Routes on one port: `GET /universes/{name}` upgrades to WebSocket (subprotocol `orrery.v1`), `GET /healthz`,
/// `GET /metrics` (Prometheus text, up to `publishSeconds` stale), `GET /universes` (JSON), and with `debugTruth`
/// `GET /debug/universes/{name}/truth?tick=T&observer=ID`, and the web view (`GET /`, `/view/{name}` and its files,
/// embedded by `OrreryWebView`). A connection is moved to its universe's loop with its first message (join or
/// resume), so every universe is touched by one thread only and the tick path takes no lock.
///
/// Placement: loop `frontLoop` (0) accepts every connection and runs every handshake and plain HTTP request, and an
/// upgraded connection waits there for its first message; with two loops or more, universes run on the other loops
/// only, so a burst of connections cannot delay a tick. With one loop, both share it.
public final class RelayServer: Sendable {
    /// The configuration in force.
    public let configuration: RelayConfiguration
    let logger: Logger
    let group: EventLoopGroup
    let states: [LoopState]
    let directory: UniverseDirectory
    let gate: HandshakeGate
    private let board: Mutex<[MetricSnapshot]>
    private let truths = Mutex<[String: TruthLog]>([:])
    private let listener = Mutex<GroupListener?>(nil)
    /// The thread syncing interval-mode journals, nil without one.
    let syncer: JournalSyncer?

    /// Starts the loops and the configured universes and listens; returns once connections are accepted.
    public init(configuration: RelayConfiguration, logger: Logger) throws(RelayError) {
        for (index, name) in configuration.universes.enumerated() {
            guard Ticket.isValidUniverse(name) else { throw .invalidUniverseName(name) }
            guard !configuration.universes[..<index].contains(name) else { throw .duplicateUniverse(name) }
        }
        do throws(UniverseConfigError) {
            _ = try configuration.makeUniverse(named: configuration.universes.first ?? "", index: 0)
        } catch {
            throw .invalidWorld(error)
        }
        let recoveries = try Self.recoveries(configuration)
        self.configuration = configuration
        self.logger = logger
        do throws(PosixError) {
            if configuration.journalDirectory != nil,
               case .interval(let milliseconds) = configuration.journalPolicy.syncMode {
                syncer = try JournalSyncer(interval: .milliseconds(Int64(milliseconds)))
            } else {
                syncer = nil
            }
            var loopConfiguration = EventLoopConfiguration()
            loopConfiguration.ioMode = configuration.ioMode
            group = try EventLoopGroup(loopCount: max(1, configuration.loops), configuration: loopConfiguration,
                                       name: "orrery-serve")
        } catch {
            throw .listen(error)
        }
        states = group.loops.enumerated().map { LoopState(index: $0.offset, loop: $0.element) }
        let first = group.loops[0]
        logger.info("io_backend", ["backend": first.ioBackend.rawValue, "mode": configuration.ioMode.rawValue,
                                   "io_uring_unavailable": first.ioUringUnavailable.map { "\($0)" } ?? "-"])
        board = Mutex(states.map { _ in MetricSnapshot(catalogue: ServerMetrics.catalogue) })
        directory = UniverseDirectory(loopCount: states.count, frontLoop: Self.frontLoop,
                                      createOnDemand: configuration.createOnDemand,
                                      maximumUniverses: max(configuration.maximumUniverses,
                                                            configuration.universes.count))
        gate = HandshakeGate(configuration: configuration, directory: directory)
        for name in configuration.universes {
            guard let entry = directory.add(name) else { continue }
            createHost(entry, recovery: recoveries[name])
        }
        for (name, recovery) in recoveries.sorted(by: { $0.key < $1.key })
        where !configuration.universes.contains(name) {
            guard let entry = directory.add(name, onDemand: true) else { continue }
            createHost(entry, recovery: recovery)
        }
        for state in states { startPublishing(state) }
        waitForLoops()
        do throws(PosixError) {
            let server = WebSocketServer(configuration: webSocketConfiguration(),
                                         peerHTTPRoute: { [unowned self] request, peer in respond(to: request, peer) },
                                         peerUpgradeRoute: { [unowned self] upgrade, peer in route(upgrade, peer) })
            let bound = try server.listen(on: group, host: configuration.host, port: configuration.port,
                                          acceptLoop: Self.frontLoop, placement: .acceptingLoop)
            listener.withLock { $0 = bound }
        } catch {
            group.shutdown()
            throw .listen(error)
        }
        logger.info("listening", ["host": configuration.host, "port": port, "loops": states.count,
                                  "universes": configuration.universes.joined(separator: ","),
                                  "tick_rate": configuration.tickRate,
                                  "auth": configuration.ticketSecret == nil ? "open" : "ticket"])
    }

    /// The loop that accepts connections and runs their handshakes (and, with a single loop, the universes).
    public static let frontLoop = 0

    /// The port the server listens on (0 after `shutdown`).
    public var port: Int { listener.withLock { $0?.port ?? 0 } }

    /// The truth log of a universe (with `debugTruth`), for tests.
    public func truthLog(for universe: String) -> TruthLog? {
        truths.withLock { $0[universe] }
    }

    /// The merged metrics of every loop's latest snapshot.
    public func metricsSnapshot() -> MetricSnapshot {
        MetricSnapshot(merging: board.withLock { $0 }, catalogue: ServerMetrics.catalogue)
    }

    /// Every universe with its latest published numbers.
    public var universes: [UniverseDirectory.Entry] { directory.entries }

    /// Graceful shutdown: stop accepting, close every client with 1001, wait (at most `timeout`) until all are
    /// gone, stop the loops. Returns how many connections were still open when it gave up. Idempotent.
    @discardableResult
    public func shutdown(timeout: Duration) -> Int {
        guard let bound = listener.withLock({ current -> GroupListener? in
            defer { current = nil }
            return current
        }) else { return 0 }
        bound.close()
        let asked = Atomic<Int>(0)
        onEveryLoop { state in
            asked.add(state.loop.closeAllWebSockets(code: .goingAway, reason: "server shutting down"),
                      ordering: .relaxed)
        }
        let deadline = ContinuousClock.now + timeout
        var open = openConnections()
        while open > 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            open = openConnections()
        }
        onEveryLoop { state in
            for runner in state.runners.values { runner.host.journal?.close(ended: false) }
        }
        syncer?.stop()
        group.shutdown()
        logger.info("stopped", ["closed": asked.load(ordering: .relaxed), "abandoned": open])
        return open
    }

    // MARK: Universes

    /// Creates the host of `entry` on its loop (restored from `recovery` when given) and starts its ticks.
    func createHost(_ entry: UniverseDirectory.Entry, recovery: UniverseRecovery? = nil) {
        let state = states[entry.loop]
        let configuration = configuration
        let truth = configuration.debugTruth ? TruthLog(capacity: configuration.truthTicks) : nil
        if let truth { truths.withLock { $0[entry.name] = truth } }
        let logger = logger
        let create: @Sendable () -> Void = { [self] in
            guard let host = makeHost(entry, recovery: recovery) else { return }
            let universe = host.universe
            host.onSessionEvent = { Self.log($0, universe: entry.name, to: logger) }
            if let truth {
                host.onStep = { truth.record($0) }
                truth.record(universe)
            }
            let runner = LoopState.Runner(host: host, onDemand: entry.onDemand,
                                          pacer: TickPacer(maximumCatchUp: configuration.maximumCatchUpTicks))
            state.runners[entry.name] = runner
            state.start(runner, period: .nanoseconds(1_000_000_000 / Int64(configuration.tickRate)))
            logger.info("universe_created", ["universe": entry.name, "loop": entry.loop,
                                             "on_demand": entry.onDemand, "entities": universe.world.entityCount])
        }
        if state.loop.isOnLoopThread { create() } else { state.loop.execute(create) }
    }

    /// One info line per session event: `join`, `resume` (with its outcome) and `leave` (with its reason).
    private static func log(_ event: SessionEvent, universe: String, to logger: Logger) {
        switch event {
        case .joined(let observer, let spectator, let identity):
            logger.info("join", ["universe": universe, "observer": observer, "role": spectator ? "spectator" : "player",
                                 "player": identity.map { "\($0)" } ?? "-"])
        case .resumed(let observer, let replayed):
            logger.info("resume", ["universe": universe, "observer": observer,
                                   "outcome": replayed ? "replayed" : "reset"])
        case .resumeRejected:
            logger.info("resume", ["universe": universe, "outcome": "rejected"])
        case .ended(let observer, let reason):
            logger.info("leave", ["universe": universe, "observer": observer, "reason": reason.rawValue])
        }
    }

    /// Every `publishSeconds` on each loop: metrics snapshot, universe numbers, idle on-demand removal.
    private func startPublishing(_ state: LoopState) {
        let period = Duration.milliseconds(Int64(max(configuration.publishSeconds, 0.001) * 1000))
        let linger = UInt64(configuration.emptyUniverseLingerSeconds * 1e9)
        state.loop.execute { [self] in
            state.loop.scheduleRepeating(every: period) { [self] _ in
                publish(state, linger: linger)
            }
        }
    }

    private func publish(_ state: LoopState, linger: UInt64) {
        let now = LoopState.now()
        for (name, runner) in state.runners {
            let host = runner.host
            var stats = UniverseDirectory.Stats()
            stats.players = host.playerCount
            stats.spectators = host.spectatorCount
            stats.tick = host.universe.tick
            stats.entities = host.universe.world.entityCount
            directory.publish(name, stats)
            guard runner.onDemand else { continue }
            if host.sessionCount > 0 || host.linkCount > 0 {
                runner.emptySince = nil
            } else if let since = runner.emptySince {
                if now &- since >= linger, directory.removeIfIdle(name) {
                    host.journal?.close(ended: true)
                    state.remove(name)
                    truths.withLock { $0[name] = nil }
                    logger.info("universe_removed", ["universe": name, "reason": "idle"])
                }
            } else {
                runner.emptySince = now
            }
        }
        let refusals = state.metrics.update(loop: state.loop.counters, transport: state.loop.webSocketCounters,
                                            hosts: state.runners.values.map(\.host))
        for refusal in refusals {
            logger.info(refusal.event, ["reason": refusal.reason, "count": refusal.count, "loop": state.index])
        }
        let snapshot = state.metrics.store.snapshot()
        board.withLock { $0[state.index] = snapshot }
        if state.index == 0 { gate.sweep(now: now) }
    }

    // MARK: Loops

    /// Runs `body` on every loop and waits for all of them.
    func onEveryLoop(_ body: @escaping @Sendable (LoopState) -> Void) {
        let done = DispatchSemaphore(value: 0)
        var asked = 0
        for state in states where state.loop.execute({ body(state); done.signal() }) {
            asked += 1
        }
        for _ in 0..<asked { done.wait() }
    }

    private func waitForLoops() {
        onEveryLoop { _ in }
    }

    private func openConnections() -> Int {
        let total = Atomic<Int>(0)
        onEveryLoop { state in total.add(state.loop.webSocketConnections.count, ordering: .relaxed) }
        return total.load(ordering: .relaxed)
    }

    private func webSocketConfiguration() -> WebSocketServerConfiguration {
        var server = WebSocketServerConfiguration()
        server.handshake.supportedProtocols = [WireProtocol.subprotocol]
        server.handshake.allowedOrigins = configuration.allowedOrigins
        server.webSocket = WebSocketConfiguration(maxMessageSize: configuration.maximumMessageBytes, maxFragments: 8)
        server.outboundCap = configuration.outboundCap
        server.maximumPendingHandshakesPerAddress = configuration.maximumPendingHandshakesPerIP
            ?? configuration.maximumConnectionsPerIP
        server.closeTimeout = .milliseconds(Int64(configuration.closeTimeoutSeconds * 1000))
        server.socketSendBuffer = configuration.socketSendBuffer
        server.slowConsumerCloseCode = CloseCode(rawValue: OrreryWire.CloseCode.slowConsumer.rawValue)
        server.handshakeTimeout = .milliseconds(Int64(Double(configuration.policy.helloTimeoutNanoseconds) / 1e6))
        let ping = configuration.pingIntervalSeconds
        server.heartbeat = ping > 0
            ? HeartbeatPolicy(interval: .milliseconds(Int64(ping * 1000)), timeout: .milliseconds(Int64(ping * 2000)))
            : nil
        return server
    }
}
