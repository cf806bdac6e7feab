import Foundation
import OrreryClient
import OrreryNet
import OrreryPosix
import OrreryWire
import Testing
import TestSupport

/// A real `orrery serve --journal` process, killed with SIGKILL under truth-checked bots and started again on
/// the same port and journal: every bot resumes its own session with its token (none joins anew) and gets a reset
/// numbered right after its last seq, every replica is exact against the restored server's truth, and no input a
/// bot saw acknowledged before the kill is lost.
@Suite(.serialized, .timeLimit(.minutes(3))) struct CrashRecoveryTests {
    @Test(arguments: ["tick", "interval"])
    func aKilledServerComesBackWithEverySession(sync: String) async throws {
        let directory = NSTemporaryDirectory() + "orrery-crash-\(getpid())-\(sync)"
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await offPool { try ServeProcess(port: 0, journal: directory, sync: sync) }
        defer { first.abandon() }
        let port = first.port
        let group = try EventLoopGroup(loopCount: 1, name: "crash-bots")
        defer { group.shutdown() }
        var bots: [TruthBot] = []
        for seed in 1...8 {
            let bot = try TruthBot(loop: group.loops[0], port: port, universe: "demo", truth: nil, seed: UInt64(seed))
            bots.append(bot)
            try await group.loops[0].submit { bot.start() }
        }
        let live = try await eventually(.seconds(60)) {
            try await Self.views(bots).allSatisfy { $0.statistics.joins == 1 && $0.state == .live }
        }
        try #require(live, "not every bot was welcomed")
        try await Task.sleep(for: .seconds(3))

        try await offPool { first.kill() }
        let before = try await Self.views(bots)
        #expect(before.allSatisfy { $0.acknowledged > 0 }, "every bot had inputs acknowledged before the kill")
        let second = try await offPool { try ServeProcess(port: port, journal: directory, sync: sync) }
        defer { second.abandon() }
        let resumed = try await eventually(.seconds(90)) {
            try await zip(Self.views(bots), before).allSatisfy { now, then in
                now.statistics.resumes >= 1 && now.state == .live && now.seqs > then.seqs
            }
        }
        try #require(resumed, "not every bot resumed")
        let tick = try #require(second.restoredTick(), "no universe_restored line: \(second.log)")

        // No acknowledged input lost: the restored universe applied every input a bot saw acknowledged.
        for view in before {
            let truth = try Self.json(await offPool { try Self.truth(port: port, tick: tick, observer: view.player) })
            let applied = try #require(truth["lastInput"] as? Int, "no lastInput for \(view.player) at \(tick)")
            #expect(UInt32(applied) >= view.acknowledged, "player \(view.player): acked \(view.acknowledged), restored \(applied)")
        }
        // Every replica exact against the restored server's truth at the replica's tick.
        for view in try await Self.views(bots) {
            let truth = try Self.json(await offPool { try Self.truth(port: port, tick: view.tick, observer: view.player) })
            #expect(Self.differences(view, truth).isEmpty, "\(Self.differences(view, truth).prefix(3))")
        }
        for bot in bots { try await bot.loop.submit { bot.stop() } }
        try await offPool { second.stop() }

        let reports = try await Self.views(bots).map(\.report)
        let tally = BotTally(reports)
        print("crash recovery (\(sync)) at tick \(tick): \(tally.line)")
        #expect(tally.failures == 0, "\(tally.samples)")
        #expect(reports.allSatisfy { $0.seqBreaks == 0 && $0.statistics.joins == 1 && $0.statistics.resumes >= 1 })
        #expect(tally.statistics.resumesRejected == 0 && tally.statistics.fatalStops == 0)
    }

    /// Runs blocking work (a process's start and exit, a blocking socket) on a thread of its own, so that it
    /// never holds one of the few threads every async test shares.
    func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// What the test reads of one bot on its loop.
    struct BotView: Sendable {
        var report: TruthBot.Report
        var statistics: ClientStatistics { report.statistics }
        var state: ClientState { report.state }
        var seqs: Int { report.seqs }
        var player: UInt32
        var acknowledged: UInt32
        var tick: UInt64
        var entities: [UInt32: OrreryWire.EntityRecord]
    }

    static func views(_ bots: [TruthBot]) async throws -> [BotView] {
        var views: [BotView] = []
        for bot in bots {
            views.append(try await bot.loop.submit {
                let replica = bot.connection.replica
                return BotView(report: bot.snapshot, player: replica.session?.playerId ?? 0,
                               acknowledged: replica.lastInputSeq, tick: replica.tick, entities: replica.entities)
            })
        }
        return views
    }

    /// The body of the server's truth for `observer` at `tick` (`GET /debug/universes/demo/truth`).
    static func truth(port: Int, tick: UInt64, observer: UInt32) throws -> String {
        let client = try BlockingClient(port: port)
        try client.write(Array("GET /debug/universes/demo/truth?tick=\(tick)&observer=\(observer) HTTP/1.1\r\n"
            .utf8) + Array("Host: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while case .bytes(let count) = try client.socket.read(into: &buffer, count: buffer.count) {
            response += buffer[0..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        return try #require(text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) }, "no body in \(text)")
    }

    /// A truth body as a JSON object.
    static func json(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "\(body)")
    }

    /// How a replica differs from the truth's view (empty when exact).
    static func differences(_ view: BotView, _ truth: [String: Any]) -> [String] {
        let visible = Set((truth["visible"] as? [Int] ?? []).map { UInt32($0) })
        var problems: [String] = []
        if visible != Set(view.entities.keys) {
            problems.append("tick \(view.tick): server view \(visible.count) ids, replica \(view.entities.count)")
        }
        for entity in truth["entities"] as? [[String: Any]] ?? [] {
            let id = UInt32(entity["id"] as? Int ?? 0)
            guard let held = view.entities[id] else { continue }
            let fields: [(String, Int)] = [("kind", Int(held.kind)), ("x", Int(held.x)), ("y", Int(held.y)),
                                           ("vx", Int(held.vx)), ("vy", Int(held.vy)), ("heading", Int(held.heading)),
                                           ("radius", Int(held.radius)), ("owner", Int(held.owner))]
            for (name, value) in fields where entity[name] as? Int != value {
                problems.append("tick \(view.tick): entity \(id) \(name) \(value), truth \(entity[name] ?? "none")")
            }
        }
        return problems
    }
}

/// `orrery serve` as a child process with a journal and the truth endpoint, its log in a file. Used by one test at
/// a time (`@unchecked Sendable` to cross to the thread that blocks on it).
final class ServeProcess: @unchecked Sendable {
    let port: Int
    let logPath: String
    private let process: Process

    /// Starts the binary next to the test bundle on `port` (0: a free one) and waits for its `listening` line.
    init(port: Int, journal: String, sync: String) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("orrery")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build orrery first")
        logPath = journal + "-\(port)-\(UInt64.random(in: 0...UInt64.max)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "\(port)", "--loops", "1", "--universes", "demo", "--world", "600",
                             "--view-radius", "120", "--asteroids", "80", "--npcs", "16", "--ping-interval", "0",
                             "--hello-timeout", "60s", "--grace", "60s", "--debug-truth", "--log-level", "info",
                             "--journal", journal, "--journal-sync", sync, "--journal-snapshot", "40"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        self.process = process
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        self.port = try #require(Int(line.split(separator: ":").last?.prefix { $0.isNumber } ?? ""),
                                 "no listening line: \(line)")
    }

    /// Everything the server logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The tick of the `universe_restored` line, if logged.
    func restoredTick() -> UInt64? {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("event=universe_restored") }),
              let field = line.split(separator: " ").first(where: { $0.hasPrefix("tick=") }) else { return nil }
        return UInt64(field.dropFirst(5))
    }

    /// SIGKILL, and waits until it is gone.
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGKILL without waiting, if still running (a failed test's clean-up).
    func abandon() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// SIGTERM if still running, waits, removes the log.
    func stop() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: logPath)
    }
}
