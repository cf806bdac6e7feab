import OrreryNet

/// One event loop's server metrics: its `MetricStore` with the handles the tick path uses, and the bookkeeping that
/// turns the loop's transport counters and its hosts' counters into metric increments at each publication.
struct LoopMetrics {
    var store = MetricStore(catalogue: ServerMetrics.catalogue)
    let ticks: MetricStore.Counter
    let tickDuration: MetricStore.Histogram
    let overruns: MetricStore.Counter
    private let connections: MetricStore.Gauge
    private let sessions: MetricStore.Gauge
    private let universes: MetricStore.Gauge
    private let framesIn: MetricStore.Counter
    private let framesOut: MetricStore.Counter
    private let bytesIn: MetricStore.Counter
    private let bytesOut: MetricStore.Counter
    private let slowConsumers: MetricStore.Counter
    private let inputsRateLimited: MetricStore.Counter
    private let commandsReceived: MetricStore.Counter
    /// Transport counters at the last publication.
    private var lastTransport = WebSocketCounters()
    private var lastBytesRead: UInt64 = 0
    private var lastBytesWritten: UInt64 = 0
    /// Handshake rejections the gate decided (and counted by reason) that the transport has not counted yet.
    private var gateRejectionsByStatus: [Int: UInt64] = [:]
    /// Host counters at the last publication, by universe.
    private var lastHost: [String: HostCounters] = [:]
    private var playerGauges: [String: MetricStore.Gauge] = [:]

    init() {
        ticks = store.counter(ServerMetrics.ticks)
        tickDuration = store.histogram(ServerMetrics.tickDuration)
        overruns = store.counter(ServerMetrics.tickOverruns)
        connections = store.gauge(ServerMetrics.connections)
        sessions = store.gauge(ServerMetrics.sessions)
        universes = store.gauge(ServerMetrics.universes)
        framesIn = store.counter(ServerMetrics.framesReceived)
        framesOut = store.counter(ServerMetrics.framesSent)
        bytesIn = store.counter(ServerMetrics.bytesReceived)
        bytesOut = store.counter(ServerMetrics.bytesSent)
        slowConsumers = store.counter(ServerMetrics.slowConsumersDropped)
        inputsRateLimited = store.counter(ServerMetrics.inputsRateLimited)
        commandsReceived = store.counter(ServerMetrics.commandsReceived)
        for reason in CommandRejection.allCases {
            _ = store.counter(ServerMetrics.commandsRejected, labels: [reason.rawValue])
        }
        for outcome in ServerMetrics.resumeOutcomes {
            _ = store.counter(ServerMetrics.resumes, labels: [outcome])
        }
    }

    /// Counts a handshake the gate refused.
    mutating func rejected(status: Int, reason: String) {
        store.increment(store.counter(ServerMetrics.handshakesRejected, labels: [reason]))
        gateRejectionsByStatus[status, default: 0] &+= 1
    }

    /// Brings everything up to date: the loop's transport counters, each host's counters and sizes.
    mutating func update(loop: LoopCounters, transport: WebSocketCounters, hosts: [UniverseHost]) {
        store.increment(framesIn, by: transport.framesIn &- lastTransport.framesIn)
        store.increment(framesOut, by: transport.framesOut &- lastTransport.framesOut)
        store.increment(bytesIn, by: loop.bytesRead &- lastBytesRead)
        store.increment(bytesOut, by: loop.bytesWritten &- lastBytesWritten)
        store.increment(slowConsumers, by: transport.slowConsumers &- lastTransport.slowConsumers)
        for (code, count) in transport.protocolErrors {
            let delta = count &- (lastTransport.protocolErrors[code] ?? 0)
            if delta > 0 {
                store.increment(store.counter(ServerMetrics.protocolErrors, labels: ["websocket_\(code)"]), by: delta)
            }
        }
        for (status, count) in transport.handshakesRejected {
            let fresh = count &- (lastTransport.handshakesRejected[status] ?? 0)
            let byGate = min(fresh, gateRejectionsByStatus[status] ?? 0)
            gateRejectionsByStatus[status] = (gateRejectionsByStatus[status] ?? 0) - byGate
            if fresh > byGate {
                store.increment(store.counter(ServerMetrics.handshakesRejected, labels: ["http_\(status)"]),
                                by: fresh - byGate)
            }
        }
        let timeouts = transport.handshakeTimeouts &- lastTransport.handshakeTimeouts
        if timeouts > 0 {
            store.increment(store.counter(ServerMetrics.handshakesRejected, labels: ["handshake_timeout"]), by: timeouts)
        }
        lastTransport = transport
        lastBytesRead = loop.bytesRead
        lastBytesWritten = loop.bytesWritten
        store.set(connections, to: Int64(loop.connectionsOpen))
        var sessionCount = 0
        var seen: Set<String> = []
        for host in hosts {
            seen.insert(host.name)
            sessionCount += host.sessionCount
            let gauge = playerGauges[host.name] ?? store.gauge(ServerMetrics.universePlayers, labels: [host.name])
            playerGauges[host.name] = gauge
            store.set(gauge, to: Int64(host.playerCount))
            record(host.counters, since: lastHost[host.name] ?? HostCounters())
            lastHost[host.name] = host.counters
        }
        for (name, gauge) in playerGauges where !seen.contains(name) {
            store.remove(gauge)
            playerGauges[name] = nil
            lastHost[name] = nil
        }
        store.set(sessions, to: Int64(sessionCount))
        store.set(universes, to: Int64(hosts.count))
    }

    private mutating func record(_ now: HostCounters, since before: HostCounters) {
        store.increment(inputsRateLimited, by: now.inputsRateLimited &- before.inputsRateLimited)
        store.increment(commandsReceived, by: now.commandsReceived &- before.commandsReceived)
        for (index, reason) in CommandRejection.allCases.enumerated() {
            let delta = now.commandsRejected[index] &- before.commandsRejected[index]
            if delta > 0 {
                store.increment(store.counter(ServerMetrics.commandsRejected, labels: [reason.rawValue]), by: delta)
            }
        }
        store.increment(store.counter(ServerMetrics.resumes, labels: ["replayed"]),
                        by: now.resumesReplayed &- before.resumesReplayed)
        store.increment(store.counter(ServerMetrics.resumes, labels: ["reset"]), by: now.resumesReset &- before.resumesReset)
        store.increment(store.counter(ServerMetrics.resumes, labels: ["rejected"]),
                        by: now.resumesRejected &- before.resumesRejected)
        for (index, kind) in ProtocolErrorKind.allCases.enumerated() {
            let delta = now.protocolErrors[index] &- before.protocolErrors[index]
            if delta > 0 {
                store.increment(store.counter(ServerMetrics.protocolErrors, labels: [kind.rawValue]), by: delta)
            }
        }
    }
}
