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
    private let pendingRefusals: MetricStore.Counter
    private let handshakesCompleted: MetricStore.Counter
    private let heartbeatTimeouts: MetricStore.Counter
    private let closeTimeouts: MetricStore.Counter
    private let acceptPauses: MetricStore.Counter
    private let joins: MetricStore.Counter
    private let joinsRefused: MetricStore.Counter
    private let sessionsExpired: MetricStore.Counter
    private var closesByCode: [UInt16: MetricStore.Counter] = [:]
    private let commandsReceived: MetricStore.Counter
    /// Transport counters at the last publication.
    private var lastTransport = WebSocketCounters()
    private var lastBytesRead: UInt64 = 0
    private var lastBytesWritten: UInt64 = 0
    private var lastAcceptPauses: UInt64 = 0
    /// Handshake rejections the gate decided (and counted by reason) that the transport has not counted yet.
    private var gateRejectionsByStatus: [Int: UInt64] = [:]
    /// Host counters at the last publication, by universe.
    private var lastHost: [String: HostCounters] = [:]
    private var playerGauges: [String: MetricStore.Gauge] = [:]

    init(ioBackend: IOBackend) {
        for backend in IOBackend.allCases {
            let gauge = store.gauge(ServerMetrics.ioBackend, labels: [backend.rawValue])
            store.set(gauge, to: backend == ioBackend ? 1 : 0)
        }
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
        pendingRefusals = store.counter(ServerMetrics.connectionsRefused, labels: ["pending_handshakes"])
        handshakesCompleted = store.counter(ServerMetrics.handshakesCompleted)
        heartbeatTimeouts = store.counter(ServerMetrics.heartbeatTimeouts)
        closeTimeouts = store.counter(ServerMetrics.closeTimeouts)
        acceptPauses = store.counter(ServerMetrics.acceptPauses)
        joins = store.counter(ServerMetrics.joins)
        joinsRefused = store.counter(ServerMetrics.joinsRefused)
        sessionsExpired = store.counter(ServerMetrics.sessionsExpired)
        commandsReceived = store.counter(ServerMetrics.commandsReceived)
        for reason in CommandRejection.allCases {
            _ = store.counter(ServerMetrics.commandsRejected, labels: [reason.rawValue])
        }
        for outcome in ServerMetrics.resumeOutcomes {
            _ = store.counter(ServerMetrics.resumes, labels: [outcome])
        }
        for code in ServerMetrics.closeCodes {
            closesByCode[code] = store.counter(ServerMetrics.closes, labels: ["\(code)"])
        }
        for status in ServerMetrics.httpStatuses {
            _ = store.counter(ServerMetrics.httpResponses, labels: ["\(status)"])
        }
    }

    /// Counts a protocol error found outside a host (a hello timeout on the front loop).
    mutating func protocolError(_ kind: ProtocolErrorKind) {
        store.increment(store.counter(ServerMetrics.protocolErrors, labels: [kind.rawValue]))
    }

    /// Counts a game connection that ended with `code`.
    mutating func closed(code: UInt16) {
        if let counter = closesByCode[code] {
            store.increment(counter)
        } else {
            let counter = store.counter(ServerMetrics.closes, labels: ["\(code)"])
            closesByCode[code] = counter
            store.increment(counter)
        }
    }

    /// Counts a handshake the gate refused.
    mutating func rejected(status: Int, reason: String) {
        store.increment(store.counter(ServerMetrics.handshakesRejected, labels: [reason]))
        gateRejectionsByStatus[status, default: 0] &+= 1
    }

    /// Brings everything up to date: the loop's transport counters, each host's counters and sizes. Returns what
    /// was refused or dropped since the last update, by reason (for one log line each, so a storm logs a line per
    /// publication, not per connection).
    mutating func update(loop: LoopCounters, transport: WebSocketCounters,
                         hosts: [UniverseHost]) -> [(event: String, reason: String, count: UInt64)] {
        let refused = transport.pendingHandshakeRefusals &- lastTransport.pendingHandshakeRefusals
        let rateLimited = (transport.httpResponses[429] ?? 0) &- (lastTransport.httpResponses[429] ?? 0)
        let silent = transport.heartbeatTimeouts &- lastTransport.heartbeatTimeouts
        let unclosed = transport.closeHandshakeTimeouts &- lastTransport.closeHandshakeTimeouts
        let paused = loop.acceptPauses &- lastAcceptPauses
        store.increment(pendingRefusals, by: refused)
        store.increment(heartbeatTimeouts, by: silent)
        store.increment(closeTimeouts, by: unclosed)
        store.increment(acceptPauses, by: paused)
        store.increment(handshakesCompleted, by: transport.handshakesCompleted &- lastTransport.handshakesCompleted)
        for (status, count) in transport.httpResponses {
            let delta = count &- (lastTransport.httpResponses[status] ?? 0)
            if delta > 0 {
                store.increment(store.counter(ServerMetrics.httpResponses, labels: ["\(status)"]), by: delta)
            }
        }
        lastAcceptPauses = loop.acceptPauses
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
        let summary: [(event: String, reason: String, count: UInt64)] = [
            ("refused", "pending_handshakes", refused), ("refused", "http_rate_limit", rateLimited),
            ("dropped", "heartbeat_timeout", silent), ("dropped", "close_timeout", unclosed),
            ("accept_paused", "out_of_descriptors", paused),
        ]
        return summary.filter { $0.count > 0 }
    }

    private mutating func record(_ now: HostCounters, since before: HostCounters) {
        store.increment(inputsRateLimited, by: now.inputsRateLimited &- before.inputsRateLimited)
        store.increment(joins, by: now.joins &- before.joins)
        store.increment(joinsRefused, by: now.joinsRefused &- before.joinsRefused)
        store.increment(sessionsExpired, by: now.sessionsExpired &- before.sessionsExpired)
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
