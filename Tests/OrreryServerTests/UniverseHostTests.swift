import TestSupport
import Testing
import OrreryServer
import OrreryWire
import OrreryWorld

@Suite struct UniverseHostTests {
    let second = HostFixture.second

    @Test func playersAndSpectatorsStayExactEveryTick() throws {
        let host = try HostFixture.host()
        var clients = (0..<5).map { _ in HostClient(host: host, now: 0) }
        for client in clients { HostFixture.join(host, client, now: 0) }
        let spectator = HostClient(host: host, now: 0)
        HostFixture.join(host, spectator, role: .spectator, region: Region(x: 0, y: 0, width: 300 * 256,
                                                                           height: 300 * 256), now: 0)
        clients.append(spectator)
        var generator = TestRandom(seed: 11)
        var now: UInt64 = 0
        var frames = 0
        for tick in 1...120 {
            for index in 0..<5 where generator.next() % 3 == 0 {
                HostFixture.input(host, &clients[index], heading: UInt16(truncatingIfNeeded: generator.next()),
                                  throttle: UInt8(truncatingIfNeeded: generator.next()), now: now)
            }
            now += second / 20
            host.tick(now: now)
            for index in clients.indices {
                let before = clients[index].replica.lastSeq
                clients[index].drain()
                frames += Int(clients[index].replica.lastSeq - before)
                let observer = clients[index].link.session!.observerID
                let problems = HostFixture.mismatches(clients[index], host: host, observer: observer)
                    + clients[index].problems
                #expect(problems.count == 0, "tick \(tick) client \(index): \(problems.prefix(3))")
            }
        }
        #expect(frames > 200)
        #expect(clients.allSatisfy { $0.welcome?.firstSeq == 1 && $0.sink.closeCode == nil })
        #expect(clients.last!.welcome?.playerId == 0)
        #expect(host.playerCount == 5 && host.spectatorCount == 1 && host.linkCount == 6)
    }

    /// LeakSanitizer found every live session of a dropped host kept alive by its link ↔ session cycle.
    @Test func aHostDroppedWithLiveConnectionsFreesTheirSessions() throws {
        weak var session: Session?
        weak var link: ClientLink?
        do {
            let host = try HostFixture.host()
            let client = HostClient(host: host, now: 0)
            HostFixture.join(host, client, now: 0)
            host.tick(now: second / 20)
            session = client.link.session
            link = client.link
            #expect(session != nil)
        }
        #expect(session == nil)
        #expect(link == nil)
    }

    @Test func resumeReplaysMissedFramesAndTokensAreSingleUse() throws {
        let host = try HostFixture.host()
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        var now: UInt64 = 0
        for _ in 0..<10 {
            now += second / 20
            host.tick(now: now)
        }
        client.drain()
        let token = client.welcome!.resumeToken
        let seen = client.replica.lastSeq
        host.disconnected(client.link, now: now)
        for _ in 0..<50 {
            now += second / 20
            host.tick(now: now)
        }
        let session = host.session(client.welcome!.playerId)!
        #expect(session.link == nil && session.lastSentSeq > seen + 1)
        let fresh = client.reconnect(host: host, now: now)
        HostFixture.resume(host, link: client.link, token: token, lastSeq: seen, now: now)
        guard case .welcome(let welcome)? = fresh.messages.first else {
            Issue.record("no welcome: \(fresh.messages)")
            return
        }
        #expect(welcome.firstSeq == seen + 1 && welcome.resumeToken != token)
        #expect(!fresh.messages.contains { if case .reset = $0 { true } else { false } })
        var resumed = client
        resumed.drain()
        #expect(resumed.problems.isEmpty && resumed.replica.lastSeq == session.lastSentSeq)
        #expect(HostFixture.mismatches(resumed, host: host, observer: welcome.playerId).isEmpty)
        now += second / 20
        host.tick(now: now)
        resumed.drain()
        #expect(HostFixture.mismatches(resumed, host: host, observer: welcome.playerId).isEmpty)
        #expect(host.counters.resumesReplayed == 1)

        let thief = HostClient(host: host, now: now)
        HostFixture.resume(host, link: thief.link, token: token, lastSeq: seen, now: now)
        #expect(thief.sink.errorCodes == [4003] && thief.sink.closeCode == 4003)
        #expect(resumed.sink.closeCode == nil && host.counters.resumesRejected == 1)
    }

    @Test func resumeAfterTheHistoryIsGoneSendsAReset() throws {
        let host = try HostFixture.host(policy: HostPolicy(historySeconds: 0))
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        var now: UInt64 = 0
        for _ in 0..<5 {
            now += second / 20
            host.tick(now: now)
        }
        client.drain()
        let seen = client.replica.lastSeq
        host.disconnected(client.link, now: now)
        for _ in 0..<40 {
            now += second / 20
            host.tick(now: now)
        }
        let fresh = client.reconnect(host: host, now: now)
        HostFixture.resume(host, link: client.link, token: client.welcome!.resumeToken, lastSeq: seen, now: now)
        let session = host.session(client.welcome!.playerId)!
        guard fresh.messages.count == 3, case .welcome(let welcome) = fresh.messages[0],
              case .schema = fresh.messages[1], case .reset(let reset) = fresh.messages[2] else {
            Issue.record("expected welcome + schema + reset, got \(fresh.messages)")
            return
        }
        #expect(welcome.firstSeq == reset.seq && reset.seq == session.lastSentSeq && reset.seq > seen + 1)
        var resumed = client
        resumed.drain()
        #expect(resumed.problems.isEmpty)
        #expect(HostFixture.mismatches(resumed, host: host, observer: welcome.playerId).isEmpty)
        for _ in 0..<20 {
            now += second / 20
            host.tick(now: now)
            resumed.drain()
        }
        #expect(resumed.problems.isEmpty)
        #expect(HostFixture.mismatches(resumed, host: host, observer: welcome.playerId).isEmpty)
        #expect(host.counters.resumesReset == 1)
    }

    @Test func theGracePeriodEndsTheSessionAndItsAvatar() throws {
        let host = try HostFixture.host(policy: HostPolicy(graceNanoseconds: 1_000_000_000))
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        host.tick(now: 50_000_000)
        client.drain()
        let player = client.welcome!.playerId
        let avatar = host.universe.avatar(of: player)!
        host.disconnected(client.link, now: 100_000_000)
        host.tick(now: 1_050_000_000)
        #expect(host.session(player) != nil && host.universe.entity(avatar) != nil)
        host.tick(now: 1_100_000_000)
        #expect(host.session(player) == nil && host.universe.entity(avatar) == nil)
        #expect(host.playerCount == 0 && host.counters.sessionsExpired == 1)
        let late = client.reconnect(host: host, now: 1_200_000_000)
        HostFixture.resume(host, link: client.link, token: client.welcome!.resumeToken, lastSeq: 1,
                           now: 1_200_000_000)
        #expect(late.closeCode == 4003)
    }

    @Test func aResumeTakesOverAndClosesTheOlderConnection() throws {
        let host = try HostFixture.host()
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        host.tick(now: 50_000_000)
        client.drain()
        let other = HostClient(host: host, now: 60_000_000)
        HostFixture.resume(host, link: other.link, token: client.welcome!.resumeToken,
                           lastSeq: client.replica.lastSeq, now: 60_000_000)
        #expect(client.sink.errorCodes == [4008] && client.sink.closeCode == 4008)
        #expect(other.sink.closeCode == nil && host.session(client.welcome!.playerId)!.link === other.link)
        host.disconnected(client.link, now: 70_000_000)
        #expect(host.session(client.welcome!.playerId)!.link === other.link)
    }

    @Test func aResumeBeyondWhatWasSentIsRejected() throws {
        let host = try HostFixture.host()
        var client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        host.tick(now: 50_000_000)
        client.drain()
        host.disconnected(client.link, now: 60_000_000)
        let fresh = client.reconnect(host: host, now: 60_000_000)
        HostFixture.resume(host, link: client.link, token: client.welcome!.resumeToken,
                           lastSeq: client.replica.lastSeq + 1, now: 60_000_000)
        #expect(fresh.closeCode == 4003)
    }

    @Test func aSecondJoinWithTheSameTicketReplacesTheFirstSession() throws {
        let host = try HostFixture.host()
        var first = HostClient(host: host, identity: 42, now: 0)
        HostFixture.join(host, first, now: 0)
        first.drain()
        var second = HostClient(host: host, identity: 42, now: 10)
        HostFixture.join(host, second, now: 10)
        second.drain()
        #expect(first.sink.closeCode == 4008 && second.sink.closeCode == nil)
        #expect(host.session(first.welcome!.playerId) == nil && host.playerCount == 1)
        #expect(second.welcome!.playerId != first.welcome!.playerId)
    }
}
