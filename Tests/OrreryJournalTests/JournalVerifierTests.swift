import OrreryArena
import OrreryJournal
import OrreryWorld
import Testing

/// State outside the universe: what a nondeterministic rule reads.
private final class Outside: @unchecked Sendable {
    var drift: Int32

    init(drift: Int32) {
        self.drift = drift
    }
}

/// Rules that read outside state at tick 57 (the planted nondeterminism): entity 2's velocity comes from it.
private struct LeakyRules: GameRules {
    let outside: Outside

    var schema: GameSchema { GameSchema(game: "leaky") }

    mutating func setUp(world: inout World) {
        for index in 0..<3 {
            world.spawn(kind: 1, x: Int32(1000 + index * 5000), y: 1000, vx: 3, vy: 2, radius: 100)
        }
    }

    mutating func step(world: inout World) {
        if world.tick == 57 { world.setVelocity(2, vx: outside.drift, vy: 0) }
    }
}

@Suite struct JournalVerifierTests {
    static func arenaJournal(ticks: Int, snapshotEvery: UInt64) throws -> [UInt8] {
        var recorder = try JournalRecorder(rules: ArenaRules(config: ArenaConfig(asteroidCount: 30, npcCount: 6)),
                                           config: UniverseConfig(width: 300 * 256, height: 300 * 256, seed: 11),
                                           snapshotIntervalTicks: snapshotEvery)
        let spectator = recorder.addSpectator(.wholeWorld)
        for tick in 1...UInt64(ticks) {
            if tick % 25 == 1 { _ = recorder.join(identity: PlayerIdentity(account: UInt32(tick), name: "p")) }
            if tick == 90 { recorder.setSpectatorView(spectator, to: .rectangle(minX: 0, minY: 0, maxX: 9999, maxY: 9999)) }
            if tick % 60 == 0, let first = recorder.universe.playerIDs.first { recorder.leave(first) }
            for player in recorder.universe.playerIDs {
                let input = PlayerInput(seq: UInt32(tick), heading: UInt16(truncatingIfNeeded: tick &* 977 &+ UInt64(player)),
                                        throttle: 200, actions: UInt8(tick % 2))
                recorder.submitInput(input, from: player)
            }
            recorder.step()
        }
        recorder.finish()
        return recorder.bytes
    }

    static let arenaRules: JournalReplay.RulesFactory = { game in game == "arena" ? ArenaRules() : nil }

    @Test func aRecordedArenaVerifiesTickByTick() throws {
        let contents = try JournalReader.readAll(bytes: JournalVerifierTests.arenaJournal(ticks: 200, snapshotEvery: 50))
        var reports: [Int] = []
        let result = try JournalVerifier.verify(contents, rules: JournalVerifierTests.arenaRules) { done, _ in
            reports.append(done)
        }
        #expect(result.divergence == nil)
        #expect(result.ticks == 200)
        #expect(result.snapshots == 4)
        #expect(result.firstTick == 0 && result.lastTick == 200)
        #expect(reports.last == contents.records.count)
    }

    /// The rule reads outside state at tick 57; the recording saw drift 5, the verification sees 6. Verify names
    /// tick 57 and, at the next snapshot (tick 60), entity 2's velocity with both values.
    @Test func aNondeterministicRuleIsCaughtAtTheTickItFirstMattered() throws {
        var recorder = try JournalRecorder(rules: LeakyRules(outside: Outside(drift: 5)), snapshotIntervalTicks: 20)
        for _ in 0..<100 { recorder.step() }
        let contents = try JournalReader.readAll(bytes: recorder.bytes)
        let clean = try JournalVerifier.verify(contents) { _ in LeakyRules(outside: Outside(drift: 5)) }
        #expect(clean.divergence == nil)

        let result = try JournalVerifier.verify(contents) { _ in LeakyRules(outside: Outside(drift: 6)) }
        let divergence = try #require(result.divergence)
        #expect(divergence.tick == 57)
        #expect(divergence.recordedHash != divergence.computedHash)
        #expect(divergence.comparedAtTick == 60)
        #expect(divergence.differences.contains(UniverseDifference(subject: "entity 2", field: "vx", expected: "5",
                                                                   actual: "6")))
        #expect(!divergence.differences.contains { $0.subject != "entity 2" })
        #expect(result.lastTick == 60)
    }

    /// Without rules for the journal's game, verify says which game it needed.
    @Test func unknownGamesAreNamed() throws {
        let contents = try JournalReader.readAll(bytes: JournalVerifierTests.arenaJournal(ticks: 10, snapshotEvery: 0))
        #expect(throws: JournalError.unknownGame("arena")) {
            try JournalVerifier.verify(contents) { _ in nil }
        }
    }
}
