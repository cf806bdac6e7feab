import Foundation
import OrreryArena
import OrreryClient
import OrreryJournal
import OrreryPosix
import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// A sink that notes, for every message, the journal's durable tick at the moment it was sent.
final class DurabilityProbe: SessionSink {
    let recorder = RecordingSink()
    var journal: HostJournal?
    /// The durable tick when each message was sent.
    var durableAtSend: [UInt64] = []

    func send(_ message: ArraySlice<UInt8>) {
        durableAtSend.append(journal?.writer.durableTick ?? 0)
        recorder.send(message)
    }

    func close(code: UInt16, reason: String) {
        recorder.close(code: code, reason: reason)
    }
}

/// A journaled arena host in a scratch directory, and the same universe read back as a crash would leave it.
struct JournaledHost {
    let directory: String
    let host: UniverseHost
    let policy: JournalPolicy

    init(_ mode: JournalSyncMode, snapshotTicks: UInt64 = 10, name: String = #function) throws {
        directory = NSTemporaryDirectory() + "orrery-journal-\(getpid())-\(name.prefix { $0.isLetter })-\(mode)"
        try? FileManager.default.removeItem(atPath: directory)
        policy = JournalPolicy(syncMode: mode, snapshotIntervalTicks: snapshotTicks)
        let config = Self.config
        let rules = Self.rules("test", config)
        let header = JournalHeader(universe: "test", rules: rules, config: config, createdAtMilliseconds: 0,
                                   syncMode: mode)
        host = UniverseHost(name: "test", universe: try Universe(config: config, rules: rules),
                            tokens: ResumeTokenSource(seed: 5))
        host.journal = HostJournal(writer: try JournalWriter(directory: directory, header: header, policy: policy),
                                   syncMode: mode)
    }

    static let config = UniverseConfig(width: 600 * 256, height: 600 * 256, viewRadius: 80 * 256,
                                       hysteresis: 8 * 256, seed: 9)
    static let rules: GameRulesFactory = { _, config in
        ArenaRules(config: ArenaConfig(tickRate: config.tickRate, asteroidCount: 40, npcCount: 8))
    }

    /// The journal read back and a new host restored from it (journaling on into a new segment), as
    /// `orrery serve --journal` does after a crash.
    func restart(now: UInt64) throws -> (UniverseHost, UniverseRecovery) {
        let recovery = try UniverseRecovery(directory: directory, name: "test", rules: Self.rules)
        let host = UniverseHost(name: "test", universe: recovery.universe, tokens: ResumeTokenSource(seed: 6))
        let snapshot = JournalSnapshot(tick: recovery.universe.tick, universe: recovery.universe.snapshot(),
                                       sessions: SessionRecord.encode(recovery.sessions))
        host.journal = HostJournal(writer: try JournalWriter(directory: directory, header: recovery.header,
                                                             continuingWith: snapshot, policy: policy),
                                   syncMode: policy.syncMode)
        try host.restore(recovery, now: now)
        return (host, recovery)
    }

    /// The newest segment's path.
    var lastSegment: String {
        get throws { try #require(try JournalWriter.segments(in: directory).last) }
    }
}

@Suite struct HostJournalTests {
    let second = HostFixture.second

    /// Strict mode: the welcome waits for the tick's sync, and no frame leaves before its tick is durable, so no
    /// `lastInput` acknowledges an input the journal could still lose.
    @Test func theStrictModeSendsNothingBeforeItIsDurable() throws {
        let fixture = try JournaledHost(.everyTick)
        let host = fixture.host
        let probe = DurabilityProbe()
        probe.journal = host.journal
        let link = host.connect(probe, now: 0)
        host.receive(HostFixture.encode(.join(Join(role: .player)))[...], from: link, now: 0)
        #expect(probe.recorder.messages.isEmpty, "the welcome went out before its token was durable")
        var now: UInt64 = 0
        var seq: UInt32 = 0
        for tick in 1...30 {
            now += second / 20
            if tick > 1, tick % 3 == 0 {
                seq += 1
                let input = OrreryWire.PlayerInput(seq: seq, heading: UInt16(tick * 900), throttle: 200, actions: 0)
                host.receive(HostFixture.encode(.input(input), dialect: probe.recorder.dialect)[...], from: link,
                             now: now)
            }
            host.tick(now: now)
        }
        guard case .welcome? = probe.recorder.messages.first else {
            Issue.record("no welcome first: \(probe.recorder.messages.prefix(2))")
            return
        }
        var acknowledged: UInt32 = 0
        var frames = 0
        for (message, durable) in zip(probe.recorder.messages, probe.durableAtSend) {
            guard case .eventFrame(let frame) = message else { continue }
            frames += 1
            #expect(frame.tick <= durable, "frame of tick \(frame.tick) sent when tick \(durable) was durable")
            acknowledged = max(acknowledged, frame.lastInputSeq)
        }
        #expect(frames >= 2 && acknowledged == seq && probe.durableAtSend.first == 1)
    }

    /// Outside the strict mode the welcome goes out at once, its token already written to the file.
    @Test func theIntervalModeWelcomesAtOnceWithTheTokenWritten() throws {
        let fixture = try JournaledHost(.interval(milliseconds: 100))
        let host = fixture.host
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        client.drain()
        let welcome = try #require(client.welcome)
        let recovery = try UniverseRecovery(directory: fixture.directory, name: "test", rules: JournaledHost.rules)
        #expect(recovery.sessions.isEmpty && recovery.trailing.count == 2)
        let (restored, _) = try fixture.restart(now: 0)
        #expect(restored.session(welcome.playerId)?.token == welcome.resumeToken)
    }

    /// A host dropped without closing (a crash) and restored from its journal: the universe is the same at the
    /// same tick, every session is back with its latest token (including one issued after the last snapshot),
    /// and each resume gets a welcome and a reset numbered right after the client's last seq, then exact frames.
    @Test(arguments: [JournalSyncMode.everyTick, .interval(milliseconds: 100), .operatingSystem])
    func aRestoredHostTakesBackEverySession(mode: JournalSyncMode) throws {
        let fixture = try JournaledHost(mode, name: "restore")
        let host = fixture.host
        var clients = (0..<3).map { _ in HostClient(host: host, now: 0) }
        for client in clients { HostFixture.join(host, client, now: 0) }
        var now: UInt64 = 0
        for tick in 1...47 {
            now += second / 20
            for index in clients.indices where (tick + index) % 4 == 0 {
                HostFixture.input(host, &clients[index], heading: UInt16(tick * 1000), throttle: 180, now: now)
            }
            if tick == 25 {
                // Client 0 drops and resumes after the snapshot of tick 20: a new token the snapshot lacks.
                clients[0].drain()
                host.disconnected(clients[0].link, now: now)
                let token = clients[0].welcome!.resumeToken
                _ = clients[0].reconnect(host: host, now: now)
                HostFixture.resume(host, link: clients[0].link, token: token, lastSeq: clients[0].replica.lastSeq,
                                   now: now)
            }
            host.tick(now: now)
            for index in clients.indices { clients[index].drain() }
        }
        let tick = host.universe.tick
        let hash = host.universe.stateHash()
        let acknowledged = clients.map(\.replica.lastInputSeq)

        let (restored, recovery) = try fixture.restart(now: now)
        #expect(recovery.universe.tick == tick && recovery.universe.stateHash() == hash)
        #expect(recovery.sessions.count == 3 && recovery.hashMismatches == 0 && recovery.droppedBytes == 0)
        #expect(restored.sessionCount == 3 && restored.playerCount == 3)
        var sinks: [RecordingSink] = []
        var lastSeqs: [UInt64] = []
        for index in clients.indices {
            let player = clients[index].welcome!.playerId
            #expect(restored.universe.lastAppliedInputSeq(of: player)! >= acknowledged[index])
            lastSeqs.append(clients[index].replica.lastSeq)
            let token = clients[index].welcome!.resumeToken
            sinks.append(clients[index].reconnect(host: restored, now: now))
            HostFixture.resume(restored, link: clients[index].link, token: token, lastSeq: lastSeqs[index], now: now)
        }
        // In the strict mode the welcomes wait for the restored host's first tick.
        for _ in 0..<5 {
            now += second / 20
            restored.tick(now: now)
            for index in clients.indices { clients[index].drain() }
        }
        for (index, sink) in sinks.enumerated() {
            guard sink.messages.count >= 3, case .welcome(let welcome) = sink.messages[0],
                  case .reset(let reset) = sink.messages[2] else {
                Issue.record("client \(index): \(sink.messages.prefix(3))")
                continue
            }
            #expect(welcome.firstSeq == lastSeqs[index] + 1 && reset.seq == lastSeqs[index] + 1)
        }
        for client in clients {
            #expect(client.problems.isEmpty)
            #expect(HostFixture.mismatches(client, host: restored, observer: client.welcome!.playerId).isEmpty)
        }
    }

    /// A torn tail (a crash in the middle of a write) is cut off: recovery uses every intact record, truncates
    /// the file to them and says how many bytes it dropped.
    @Test func recoveryDropsATornTailAndSaysHowMuch() throws {
        let fixture = try JournaledHost(.operatingSystem, name: "torn")
        let host = fixture.host
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        var now: UInt64 = 0
        for tick in 1...15 {
            now += second / 20
            if tick % 2 == 0 { HostFixture.input(host, &client, heading: UInt16(tick * 3000), throttle: 90, now: now) }
            host.tick(now: now)
        }
        let path = try fixture.lastSegment
        let intact = try FileSystem.readFile(path)
        // The last record (tick 15) written again but cut two bytes short, as a crash mid-write leaves it.
        let last = try #require(try JournalReader.readAll(bytes: intact).offsets.last)
        let cut = Array(intact[last...].dropLast(2))
        try Data(intact + cut).write(to: URL(fileURLWithPath: path))
        let recovery = try UniverseRecovery(directory: fixture.directory, name: "test", rules: JournaledHost.rules)
        #expect(recovery.droppedBytes == cut.count && recovery.universe.tick == 15)
        #expect(try FileSystem.readFile(path) == intact)
    }
}
