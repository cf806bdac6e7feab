import OrreryBots
import OrreryClient
import OrreryNet
import OrreryPosix
import OrreryServer
import OrreryWire
import OrreryWorld

/// A bot for the latency tests: a `ClientConnection` (which checks the protocol as it goes and resumes after a
/// drop) played by a seeded `BotBrain`, that also compares its replica with the server's truth after every frame
/// and reset: exactly the ids the server says the player sees at that tick, each bit for bit. It tracks seqs on
/// its own too, across resumes. Loop-confined like its connection (`@unchecked Sendable` for `loop.execute`).
final class TruthBot: ClientConnectionDelegate, @unchecked Sendable {
    /// What the bot saw, copied off its loop.
    struct Report: Sendable {
        var statistics: ClientStatistics
        /// Frames and resets compared with the truth.
        var truthChecks = 0
        /// Mismatches with the truth, seq breaks, resumes that did not continue (first few only).
        var problems: [String] = []
        var problemCount = 0
        /// Frames and resets whose seq was not the previous one + 1 (across resumes).
        var seqBreaks = 0
        /// Seqs received in all (frames and resets).
        var seqs = 0
        /// Time between one frame (or reset) and the next on the same connection, in microseconds.
        var frameGaps = LatencyHistogram()
        var state = ClientState.idle
    }

    let connection: ClientConnection
    private var brain: BotBrain?
    private let truth: TruthLog?
    private var decider: TimerHandle?
    private var report: Report
    private var lastSeq: UInt64 = 0
    /// When the latest frame or reset of the current connection arrived (nil right after a welcome).
    private var lastFrameAt: Int64?

    /// A bot for `universe` at `port`, steered by a wander brain with `seed` (or sending nothing when `plays` is
    /// false), checked against `truth` when given.
    init(loop: EventLoop, port: Int, universe: String, truth: TruthLog?, seed: UInt64, plays: Bool = true,
         reconnects: Bool = true) throws {
        var configuration = ClientConfiguration(address: try GameAddress(host: "127.0.0.1", port: port,
                                                                         universe: universe),
                                                displayName: "truth-\(seed)", seed: seed)
        configuration.reconnects = reconnects
        configuration.pingInterval = .seconds(1)
        configuration.helloTimeout = .seconds(60)
        configuration.connectTimeout = .seconds(30)
        connection = ClientConnection(loop: loop, configuration: configuration)
        brain = plays ? BotBrain(behavior: .wander, seed: seed) : nil
        self.truth = truth
        report = Report(statistics: ClientStatistics())
    }

    var loop: EventLoop { connection.loop }

    /// Connects and starts deciding every `BotBrain.decisionInterval`.
    func start() {
        connection.delegate = self
        connection.start()
        guard brain != nil else { return }
        decider = loop.scheduleRepeating(every: BotBrain.decisionInterval) { [weak self] _ in self?.decide() }
    }

    /// Stops deciding and closes the connection for good.
    func stop() {
        if let decider { loop.cancel(decider) }
        decider = nil
        connection.stop()
    }

    /// Everything so far.
    var snapshot: Report {
        var copy = report
        copy.statistics = connection.statistics
        copy.state = connection.state
        return copy
    }

    private func decide() {
        guard connection.state == .live, var brain else { return }
        let tick = connection.estimatedServerTick(at: MonotonicClock.nanoseconds()) ?? Double(connection.replica.tick)
        let input = brain.decide(replica: connection.replica, atTick: tick)
        self.brain = brain
        if let input { connection.sendInput(heading: input.heading, throttle: input.throttle, actions: input.actions) }
    }

    func clientConnectionDidGoLive(_ connection: ClientConnection, resumed: Bool) {
        guard let welcome = connection.replica.session else { return }
        lastFrameAt = nil
        if !resumed {
            lastSeq = 0
        } else if welcome.firstSeq != lastSeq + 1 {
            problem("resumed at seq \(welcome.firstSeq) after seq \(lastSeq)")
        }
    }

    func clientConnection(_ connection: ClientConnection, didReceive message: ServerMessage, byteCount: Int,
                          at nanoseconds: Int64) {
        let seq: UInt64
        switch message {
        case .eventFrame(let frame): seq = frame.seq
        case .reset(let reset): seq = reset.seq
        default: return
        }
        report.seqs += 1
        if let lastFrameAt { report.frameGaps.record(microseconds: (nanoseconds - lastFrameAt) / 1000) }
        lastFrameAt = nanoseconds
        if seq != lastSeq + 1 {
            report.seqBreaks += 1
            problem("seq \(seq) after \(lastSeq)")
        }
        lastSeq = seq
        compareWithTruth()
    }

    /// The replica against the truth at its tick: the same ids as the server's view, each entity identical.
    private func compareWithTruth() {
        guard let truth, let observer = connection.replica.session?.playerId, observer != 0 else { return }
        let replica = connection.replica
        guard let record = truth.record(at: replica.tick) else {
            return problem("no truth kept for tick \(replica.tick)")
        }
        guard let visible = record.views[observer] else { return problem("tick \(replica.tick): no view of \(observer)") }
        report.truthChecks += 1
        guard visible.count == replica.entities.count else {
            return problem("tick \(replica.tick): server view \(visible.count) ids, replica \(replica.entities.count)")
        }
        for id in visible {
            guard let held = replica.entities[id] else { return problem("tick \(replica.tick): entity \(id) missing") }
            guard let state = Self.entity(id, in: record.entities), WorldToWire.record(state) == held else {
                return problem("tick \(replica.tick): entity \(id) differs from the truth")
            }
        }
    }

    /// The entity with `id` in `entities` (ascending ids), by binary search.
    private static func entity(_ id: UInt32, in entities: [EntityState]) -> EntityState? {
        var low = 0
        var high = entities.count
        while low < high {
            let middle = (low + high) / 2
            if entities[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < entities.count && entities[low].id == id ? entities[low] : nil
    }

    private func problem(_ text: String) {
        report.problemCount += 1
        if report.problems.count < 4 { report.problems.append(text) }
    }
}
