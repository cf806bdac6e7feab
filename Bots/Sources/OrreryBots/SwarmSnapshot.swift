import OrreryClient

/// The whole swarm at one moment: how many bots run, and everything they counted since the start.
public struct SwarmSnapshot: Sendable {
    /// One loop's share, merged into the snapshot.
    struct Part: Sendable {
        var started = 0
        var live = 0
        var welcomed = 0
        var neverLive = 0
        var stopReasons: [String: Int] = [:]
        var failureCauses: [String: Int] = [:]
        var statistics = ClientStatistics()
        var byBehavior: [BotBehavior: ClientStatistics] = [:]
    }

    /// Seconds since the swarm started.
    public var elapsedSeconds: Double
    /// Bots configured, started so far, and welcomed (live) right now.
    public var bots: Int
    public var started = 0
    public var live = 0
    /// Bots welcomed at least once.
    public var welcomed = 0
    /// Bots started at least `SwarmConfiguration.welcomeGrace` before the snapshot and never welcomed.
    public var neverLive = 0
    /// Why bots stopped on their own (the server refused them or told them not to return), with counts.
    public var stopReasons: [String: Int] = [:]
    /// Why bots that were never welcomed and still retry could not connect (each one's latest failure), with counts.
    public var failureCauses: [String: Int] = [:]
    /// Whether refused joins are expected (`SwarmConfiguration.allowsRefusals`): then they do not fail the run.
    public var refusalsAllowed = false
    /// Everything the bots counted, merged.
    public var statistics = ClientStatistics()
    /// The same per behaviour.
    public var byBehavior: [BotBehavior: ClientStatistics] = [:]

    /// An empty snapshot for `bots` bots at `elapsedSeconds`.
    public init(elapsedSeconds: Double, bots: Int) {
        self.elapsedSeconds = elapsedSeconds
        self.bots = bots
    }

    mutating func add(_ part: Part) {
        started += part.started
        live += part.live
        welcomed += part.welcomed
        neverLive += part.neverLive
        stopReasons.merge(part.stopReasons, uniquingKeysWith: +)
        failureCauses.merge(part.failureCauses, uniquingKeysWith: +)
        statistics.merge(part.statistics)
        byBehavior.merge(part.byBehavior) { first, second in
            var merged = first
            merged.merge(second)
            return merged
        }
    }

    /// Failed protocol checks, of every kind.
    public var failedChecks: UInt64 { statistics.checks.total }

    /// Reconnections: connection attempts beyond each started bot's first.
    public var reconnects: UInt64 { statistics.connectAttempts &- UInt64(min(started, Int(statistics.connectAttempts))) }

    /// Errors: failed connection attempts, connections lost without the bot asking, and error messages received.
    public var errors: UInt64 {
        statistics.connectFailures &+ statistics.drops &+ statistics.serverErrors.values.reduce(0, &+)
    }

    /// Joins the server refused for lack of room: closes with 4002 (universe full) and upgrades answered with
    /// 503 (connection limit) or 429 (handshake rate).
    public var refusals: UInt64 {
        statistics.closeCodes[4002, default: 0] &+ statistics.refusedUpgrades[503, default: 0]
            &+ statistics.refusedUpgrades[429, default: 0]
    }

    /// The most common reason bots cannot play (a connect failure of bots still retrying, or why bots stopped on
    /// their own), nil when there is none.
    public var commonestFailure: String? {
        failureCauses.merging(stopReasons, uniquingKeysWith: +)
            .max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// Whether every bot has started and stopped on its own (refused for good): nothing is left to run.
    public var everyBotStopped: Bool { started == bots && statistics.fatalStops >= UInt64(bots) }

    /// True when no check failed, no bot stopped on its own, every bot started long enough ago was welcomed,
    /// (when any bot started) at least one was welcomed, and no join was refused unless `refusalsAllowed`.
    public var passed: Bool {
        failedChecks == 0 && statistics.fatalStops == 0 && neverLive == 0 && (started == 0 || welcomed > 0)
            && (refusalsAllowed || refusals == 0)
    }
}
