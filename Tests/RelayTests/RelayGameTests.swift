import Foundation
import OrreryArena
import OrreryNet
import OrreryServer
import OrreryWebSocket
import OrreryWire
import TestSupport
import Testing

/// Whole games over real sockets: replicas exact against the server's truth at every frame.
@Suite(.serialized) struct RelayGameTests {
    @Test func fiftyClientsInThreeUniversesStayExactFor200Ticks() async throws {
        let fixture = try RelayFixture { $0.universes = ["alpha", "beta", "gamma"] }
        var clients: [GameClient] = []
        for index in 0..<50 {
            clients.append(try await fixture.join(["alpha", "beta", "gamma"][index % 3]))
        }
        let start = clients.map { $0.snapshot.replica.tick }.max()!
        var generator = SystemRandomNumberGenerator()
        var seqs = [UInt32](repeating: 0, count: clients.count)
        let done = await eventually(.seconds(60)) {
            for (index, client) in clients.enumerated() where Int.random(in: 0..<4, using: &generator) == 0 {
                seqs[index] += 1
                client.send(.input(PlayerInput(seq: seqs[index], heading: UInt16.random(in: 0...UInt16.max),
                                               throttle: UInt8.random(in: 0...255),
                                               actions: Bool.random() ? 1 : 0)))
            }
            try? await Task.sleep(for: .milliseconds(20))
            return clients.allSatisfy { $0.snapshot.replica.tick >= start + 200 }
        }
        #expect(done)
        let states = clients.map(\.snapshot)
        let problems = states.flatMap(\.problems)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        for state in states {
            #expect(state.seqs == Array(1...UInt64(state.seqs.count)))
            #expect(state.checks == state.frames + state.resets && state.frames > 10)
            #expect(state.closeCode == nil && state.errors.isEmpty)
        }
        #expect(states.allSatisfy { $0.replica.lastInputSeq > 0 })
        // Isolation: each universe counts only its own players, and player ids restart in each universe.
        let players = Dictionary(uniqueKeysWithValues: fixture.server.universes.map { ($0.name, $0.stats.players) })
        #expect(players == ["alpha": 17, "beta": 17, "gamma": 16])
        for name in ["alpha", "beta", "gamma"] {
            let ids = zip(clients, states).filter { $0.0.universe == name }.map { $0.1.welcomes[0].playerId }
            #expect(ids.sorted() == Array(1...UInt32(ids.count)))
        }
    }

    @Test func aCutSocketResumesWithoutLosingAnEvent() async throws {
        let fixture = try RelayFixture {
            $0.universes = ["alpha"]
            $0.rules = ArenaRules.factory(asteroids: 60, npcs: 40)
        }
        let first = try await fixture.join("alpha")
        let other = try await fixture.join("alpha")
        _ = await eventually { first.snapshot.frames >= 5 }
        first.cut()
        _ = await eventually { fixture.server.universes[0].stats.tick > first.snapshot.replica.tick + 30 }
        let before = first.snapshot
        let token = before.welcomes.last!.resumeToken
        let resumed = GameClient(universe: "alpha", truth: fixture.server.truthLog(for: "alpha"))
        resumed.adopt(before)
        #expect(await fixture.open(resumed) == nil)
        resumed.send(.resume(Resume(token: token, lastSeq: before.replica.lastSeq)))
        _ = await eventually { resumed.snapshot.replica.tick >= before.replica.tick + 100 }
        let after = resumed.snapshot
        #expect(after.problems.isEmpty, "\(after.problems.prefix(3))")
        #expect(after.welcomes.last?.firstSeq == before.replica.lastSeq + 1 && after.resets == 0)
        #expect(after.seqs == Array(1...UInt64(after.seqs.count)))
        #expect(after.welcomes.last?.resumeToken != token && after.welcomes.last?.playerId == before.welcomes[0].playerId)
        #expect(await eventually { fixture.counter(ServerMetrics.resumes, ["replayed"]) == 1 })
        #expect(other.snapshot.problems.isEmpty && other.snapshot.closeCode == nil)
        // The old token is spent.
        let thief = GameClient(universe: "alpha", truth: nil)
        #expect(await fixture.open(thief) == nil)
        thief.send(.resume(Resume(token: token, lastSeq: 0)))
        #expect(await eventually { thief.snapshot.closeCode == 4003 } && thief.snapshot.errors == [4003])
    }

    @Test func aResumeAfterTheHistoryIsGoneGetsAnExactReset() async throws {
        let fixture = try RelayFixture {
            $0.universes = ["alpha"]
            $0.policy.historySeconds = 0
        }
        let first = try await fixture.join("alpha")
        _ = await eventually { first.snapshot.frames >= 3 }
        first.cut()
        _ = await eventually { fixture.server.universes[0].stats.tick > first.snapshot.replica.tick + 60 }
        let before = first.snapshot
        let resumed = GameClient(universe: "alpha", truth: fixture.server.truthLog(for: "alpha"))
        resumed.adopt(before)
        #expect(await fixture.open(resumed) == nil)
        resumed.send(.resume(Resume(token: before.welcomes.last!.resumeToken, lastSeq: before.replica.lastSeq)))
        _ = await eventually { resumed.snapshot.replica.tick >= before.replica.tick + 100 }
        let after = resumed.snapshot
        #expect(after.problems.isEmpty, "\(after.problems.prefix(3))")
        // The reset takes the next seq the session would have sent; seqs continue from it without a gap.
        let firstSeq = after.welcomes.last!.firstSeq
        #expect(after.resets == 1 && firstSeq > before.replica.lastSeq + 1)
        #expect(after.seqs == Array(1...before.replica.lastSeq) + Array(firstSeq..<(firstSeq + UInt64(after.seqs.count) - before.replica.lastSeq)))
    }
}
