import OrreryServer
import OrreryWire
import Testing

/// A resume continues the session's rate limit instead of starting a fresh one, and the host reports every session
/// event to its log hook.
@Suite struct HostResumePenaltyTests {
    private let second = HostFixture.second

    /// The finding: flood, 1008, resume with a fresh bucket, five times in a row. Now each resume inherits the
    /// empty bucket and the recent drops, so the first input after it is abuse again: 1008 at once.
    @Test func theFloodPenaltySurvivesFiveResumesInARow() throws {
        let policy = HostPolicy(input: InputLimiter.Policy(ratePerSecond: 1, burst: 5, maximumDrops: 20))
        let host = try HostFixture.host(policy: policy)
        var flooder = HostClient(host: host, now: 0)
        HostFixture.join(host, flooder, now: 0)
        for _ in 0..<40 { HostFixture.input(host, &flooder, heading: 1, throttle: 255, now: 1_000) }
        #expect(flooder.sink.closeCode == 1008 && host.counters.inputsRateLimited == 21)
        flooder.drain()
        for round in 1...5 {
            let token = try #require(flooder.welcome?.resumeToken)
            let sink = flooder.reconnect(host: host, now: 2_000)
            HostFixture.resume(host, link: flooder.link, token: token, lastSeq: 0, now: 2_000)
            flooder.drain()
            #expect(flooder.welcome?.resumeToken != token, "round \(round): resumed with a new token")
            HostFixture.input(host, &flooder, heading: 1, throttle: 255, now: 2_000)
            #expect(sink.errorCodes == [1008] && sink.closeCode == 1008, "round \(round)")
        }
        #expect(host.counters.protocolErrors(.inputFlood) == 6 && host.counters.resumesReplayed == 5)
    }

    @Test func aResumedPlayerThatSlowedDownMayPlayAgain() throws {
        let policy = HostPolicy(input: InputLimiter.Policy(ratePerSecond: 10, burst: 5, maximumDrops: 20,
                                                           dropWindowNanoseconds: 5 * second))
        let host = try HostFixture.host(policy: policy)
        var flooder = HostClient(host: host, now: 0)
        HostFixture.join(host, flooder, now: 0)
        for _ in 0..<40 { HostFixture.input(host, &flooder, heading: 1, throttle: 255, now: 1_000) }
        #expect(flooder.sink.closeCode == 1008)
        flooder.drain()
        let token = try #require(flooder.welcome?.resumeToken)
        let later = 6 * second
        let sink = flooder.reconnect(host: host, now: later)
        HostFixture.resume(host, link: flooder.link, token: token, lastSeq: 0, now: later)
        for _ in 0..<5 { HostFixture.input(host, &flooder, heading: 1, throttle: 255, now: later) }
        #expect(sink.closeCode == nil && sink.errorCodes.isEmpty)
        host.tick(now: later)
        flooder.drain()
        #expect(flooder.replica.lastInputSeq == 45 && flooder.problems.isEmpty)
    }

    @Test func everySessionEventReachesTheHook() throws {
        let host = try HostFixture.host(policy: HostPolicy(graceNanoseconds: second))
        var events: [SessionEvent] = []
        host.onSessionEvent = { events.append($0) }
        var player = HostClient(host: host, identity: 7, now: 0)
        HostFixture.join(host, player, now: 0)
        player.drain()
        let observer = try #require(player.welcome?.playerId)
        #expect(events == [.joined(observer: observer, spectator: false, identity: 7)])
        host.disconnected(player.link, now: 0)
        let token = try #require(player.welcome?.resumeToken)
        _ = player.reconnect(host: host, identity: 7, now: 0)
        HostFixture.resume(host, link: player.link, token: token, lastSeq: 0, now: 0)
        let stranger = HostClient(host: host, now: 0)
        HostFixture.resume(host, link: stranger.link, token: token, lastSeq: 0, now: 0)
        #expect(events.suffix(2) == [.resumed(observer: observer, replayed: true), .resumeRejected])
        let again = HostClient(host: host, identity: 7, now: 0)
        HostFixture.join(host, again, now: 0)
        #expect(events.suffix(2).first == .ended(observer: observer, reason: .replaced))
        host.disconnected(again.link, now: 0)
        host.tick(now: 2 * second)
        guard case .ended(_, .expired)? = events.last else {
            Issue.record("no expiry in \(events)")
            return
        }
        let watcher = HostClient(host: host, now: 0)
        HostFixture.join(host, watcher, role: .spectator, now: 0)
        host.closeAll(code: 4006, reason: "universe closed")
        guard case .ended(_, .universeClosed)? = events.last else {
            Issue.record("no universe_closed in \(events)")
            return
        }
    }
}

/// Where universes run: never on the front loop (accepts and handshakes) when there is another loop.
@Suite struct UniversePlacementTests {
    @Test(arguments: [2, 3, 4])
    func universesAvoidTheFrontLoop(loops: Int) {
        let directory = UniverseDirectory(loopCount: loops, frontLoop: RelayServer.frontLoop, createOnDemand: true,
                                          maximumUniverses: 64)
        let fixed = (0..<6).compactMap { directory.add("u\($0)")?.loop }
        var created: [Int] = []
        for index in 0..<6 {
            if case .created(let entry) = directory.admit("d\(index)") { created.append(entry.loop) }
        }
        let placed = fixed + created
        #expect(placed.count == 12 && !placed.contains(RelayServer.frontLoop))
        let perLoop = (0..<loops).map { loop in placed.filter { $0 == loop }.count }
        #expect(perLoop.dropFirst().allSatisfy { $0 == 12 / (loops - 1) || $0 == 12 / (loops - 1) + 1 })
    }

    @Test func aSingleLoopRunsEverything() {
        let directory = UniverseDirectory(loopCount: 1, frontLoop: RelayServer.frontLoop, createOnDemand: false,
                                          maximumUniverses: 4)
        #expect(directory.add("solo")?.loop == 0)
    }
}
