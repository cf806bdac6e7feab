import Testing
import OrreryServer
import OrreryWire
import OrreryWorld

/// The host's rules for bad or unwelcome input (Protocol/README.md section 5.1).
@Suite struct HostBadInputTests {
    @Test func malformedMessagesGetErrorThenClose4000() throws {
        let host = try HostFixture.host()
        let garbage = HostClient(host: host, now: 0)
        host.receive([0x7f, 1, 2][...], from: garbage.link, now: 0)
        #expect(garbage.sink.errorCodes == [4000] && garbage.sink.closeCode == 4000)
        let truncated = HostClient(host: host, now: 0)
        host.receive([0x01][...], from: truncated.link, now: 0)
        #expect(truncated.sink.closeCode == 4000)
        #expect(host.counters.protocolErrors(.malformed) == 2 && host.linkCount == 0)
    }

    @Test func messagesOutOfStateGetErrorThenClose4000() throws {
        let host = try HostFixture.host()
        let early = HostClient(host: host, now: 0)
        host.receive(HostFixture.encode(.ping(Ping(clientTimestamp: 1)))[...], from: early.link, now: 0)
        #expect(early.sink.closeCode == 4000)
        let twice = HostClient(host: host, now: 0)
        HostFixture.join(host, twice, now: 0)
        HostFixture.join(host, twice, now: 0)
        #expect(twice.sink.errorCodes == [4000] && twice.sink.closeCode == 4000)
        var watcher = HostClient(host: host, now: 0)
        HostFixture.join(host, watcher, role: .spectator, now: 0)
        HostFixture.input(host, &watcher, heading: 0, throttle: 1, now: 0)
        #expect(watcher.sink.closeCode == 4000)
        #expect(host.counters.protocolErrors(.unexpected) == 3)
    }

    @Test func textMessagesClose1003WithoutAnErrorMessage() throws {
        let host = try HostFixture.host()
        let client = HostClient(host: host, now: 0)
        host.receiveText(from: client.link, now: 0)
        #expect(client.sink.closeCode == 1003 && client.sink.messages.isEmpty)
        #expect(host.counters.protocolErrors(.textMessage) == 1)
    }

    @Test(arguments: [UInt8(0), 3, 255])
    func unsupportedVersionsClose4001(_ version: UInt8) throws {
        let host = try HostFixture.host()
        let client = HostClient(host: host, now: 0)
        host.receive(HostFixture.encode(.join(Join(version: version, role: .player)))[...], from: client.link, now: 0)
        #expect(client.sink.errorCodes == [4001] && client.sink.closeCode == 4001)
        #expect(host.counters.protocolErrors(.unsupportedVersion) == 1)
    }

    /// A session keeps the version it joined with: a resume in another version cannot continue it (the client
    /// would misread the frames), so it is refused like an unusable token (4003, join anew), not as 4001.
    @Test func aResumeInAnotherVersionIsRejectedWith4003AndTheSessionSurvives() throws {
        let host = try HostFixture.host()
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, version: 1, now: 0)
        host.tick(now: 50_000_000)
        client.drain()
        let token = client.welcome!.resumeToken
        host.disconnected(client.link, now: 50_000_000)
        let other = client.reconnect(host: host, now: 60_000_000)
        HostFixture.resume(host, link: client.link, token: token, lastSeq: client.replica.lastSeq, version: 2,
                           now: 60_000_000)
        #expect(other.errorCodes == [4003] && other.closeCode == 4003)
        #expect(host.counters.resumesRejected == 1 && host.counters.protocolErrors(.unsupportedVersion) == 0)
        let again = client.reconnect(host: host, now: 70_000_000)
        HostFixture.resume(host, link: client.link, token: token, lastSeq: client.replica.lastSeq, version: 1,
                           now: 70_000_000)
        #expect(again.closeCode == nil && again.messages.contains { if case .welcome = $0 { true } else { false } })
    }

    @Test func fullUniversesAndForbiddenRolesAreRefused() throws {
        let host = try HostFixture.host(policy: HostPolicy(maximumPlayers: 2, maximumSpectators: 0))
        let clients = (0..<3).map { _ in HostClient(host: host, now: 0) }
        for client in clients { HostFixture.join(host, client, now: 0) }
        #expect(clients.map(\.sink.closeCode) == [nil, nil, 4002])
        let watcher = HostClient(host: host, now: 0)
        HostFixture.join(host, watcher, role: .spectator, now: 0)
        #expect(watcher.sink.closeCode == 4010 && host.counters.joinsRefused == 2)
    }

    @Test func helloTimesOutWith4009() throws {
        let host = try HostFixture.host(policy: HostPolicy(helloTimeoutNanoseconds: 100))
        let slow = HostClient(host: host, now: 0)
        let quick = HostClient(host: host, now: 0)
        HostFixture.join(host, quick, now: 50)
        host.tick(now: 99)
        #expect(slow.sink.closeCode == nil)
        host.tick(now: 100)
        #expect(slow.sink.errorCodes == [4009] && slow.sink.closeCode == 4009 && quick.sink.closeCode == nil)
    }

    @Test func pingsAreAnsweredWithTheTick() throws {
        let host = try HostFixture.host()
        let client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        host.tick(now: 1)
        host.tick(now: 2)
        host.receive(HostFixture.encode(.ping(Ping(clientTimestamp: 777)))[...], from: client.link, now: 3)
        #expect(client.sink.messages.last == .pong(Pong(clientTimestamp: 777, serverTick: 2)))
    }

    @Test func floodsAreDroppedThenClosedWith1008WithoutDisturbingOthers() throws {
        let policy = HostPolicy(input: InputLimiter.Policy(ratePerSecond: 10, burst: 5, maximumDrops: 20))
        let host = try HostFixture.host(policy: policy)
        var flooder = HostClient(host: host, now: 0)
        var calm = HostClient(host: host, now: 0)
        HostFixture.join(host, flooder, now: 0)
        HostFixture.join(host, calm, now: 0)
        for _ in 0..<15 { HostFixture.input(host, &flooder, heading: 100, throttle: 255, now: 1_000) }
        #expect(flooder.sink.closeCode == nil && host.counters.inputsRateLimited == 10)
        host.tick(now: 50_000_000)
        flooder.drain()
        #expect(flooder.replica.lastInputSeq == 5)
        for _ in 0..<20 { HostFixture.input(host, &flooder, heading: 100, throttle: 255, now: 60_000_000) }
        #expect(flooder.sink.errorCodes == [1008] && flooder.sink.closeCode == 1008)
        #expect(host.counters.protocolErrors(.inputFlood) == 1)
        HostFixture.input(host, &calm, heading: 7, throttle: 9, now: 60_000_000)
        host.tick(now: 100_000_000)
        calm.drain()
        #expect(calm.sink.closeCode == nil && calm.replica.lastInputSeq == 1 && calm.problems.isEmpty)
        #expect(HostFixture.mismatches(calm, host: host, observer: calm.welcome!.playerId).isEmpty)
        #expect(host.session(flooder.welcome!.playerId)?.link == nil)
    }

    @Test func closeAllClosesEveryConnection() throws {
        let host = try HostFixture.host()
        let clients = (0..<3).map { _ in HostClient(host: host, now: 0) }
        HostFixture.join(host, clients[0], now: 0)
        host.closeAll(code: 4006, reason: "universe closed")
        #expect(clients.allSatisfy { $0.sink.closeCode == 4006 && $0.sink.errorCodes == [4006] })
        #expect(host.sessionCount == 0 && host.playerCount == 0 && host.linkCount == 0)
    }

    @Test func thePacerCatchesUpABoundedNumberOfSteps() {
        var pacer = TickPacer(maximumCatchUp: 2)
        #expect(pacer.steps(missedPeriods: 0) == 1)
        #expect(pacer.steps(missedPeriods: 1) == 2)
        #expect(pacer.steps(missedPeriods: 7) == 3)
        #expect(pacer.overruns == 8 && pacer.skipped == 5)
    }
}
