import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// Game-defined state through the real codec (world → SessionFramer → bytes → WireDecoder → Replica): every
/// observer's properties, private state, universe state and messages equal the truth at every tick, and nothing
/// reaches an observer outside its scope; a version-1 session in the same game gets version-1 bytes only.
@Suite struct GameStateExactnessTests {
    private func ledger(players: Int, v1Players: Int = 0) throws -> (GameHarness, [UInt32]) {
        let config = UniverseConfig(width: 400 * 256, height: 400 * 256, viewRadius: 60 * 256,
                                    hysteresis: 6 * 256, seed: 21)
        var harness = GameHarness(universe: try Universe(config: config, rules: LedgerRules()), inputSeed: 4)
        for index in 0..<players {
            harness.join(identity: PlayerIdentity(account: UInt32(100 + index), name: index % 2 == 0 ? "ada\(index)" : nil))
        }
        harness.version = 1
        let v1 = (0..<v1Players).map { _ in harness.join() }
        harness.version = 2
        return (harness, v1)
    }

    @Test func propertiesPrivateStateUniverseStateAndMessagesAreExactForEveryObserver() throws {
        var (harness, _) = try ledger(players: 12)
        let everything = harness.addSpectator(region: nil)
        let corner = harness.addSpectator(region: Region(x: 0, y: 0, width: 150 * 256, height: 150 * 256))
        var chatter = SeededGenerator(seed: 3)
        for tick in 1...600 {
            if tick % 150 == 0 {
                let players = harness.universe.playerIDs
                harness.leave(players[Int(chatter.next(below: UInt64(players.count)))])
                harness.join(identity: PlayerIdentity(account: UInt32(500 + tick), name: "late"))
            }
            if tick % 9 == 0 {
                let players = harness.universe.playerIDs
                let player = players[Int(chatter.next(below: UInt64(players.count)))]
                harness.command(UInt8(chatter.next(below: 2)), payload: Array("hi \(tick)".utf8), from: player)
            }
            harness.driveInputs()
            harness.step()
            harness.verifyReplicas()
            if !harness.failures.isEmpty { break }
        }
        #expect(harness.failures == [])
        // Every event kind went through the codec, values of every scope were compared.
        #expect(harness.eventCounts.allSatisfy { $0 > 0 }, "\(harness.eventCounts)")
        #expect(harness.stateComparisons > 100_000)
        let universe = harness.universe
        for (observer, session) in harness.sessions {
            #expect(session.messagesReceived > 0, "observer \(observer) got no message")
            #expect(session.replica.schema?.game == "ledger")
        }
        // Spectators never hold private state: it stays at the defaults.
        for spectator in [everything, corner] {
            #expect(harness.sessions[spectator]?.replica.playerState == [.int(0), .bytes([]), .string("")])
        }
        // The identity reached the rules: each ship's hp is its ticket account, its name the join's name.
        let first = try #require(universe.playerIDs.first)
        let ship = try #require(universe.avatar(of: first))
        #expect(harness.sessions[everything]?.replica.property(0, of: ship) == .int(100))
        #expect(harness.sessions[everything]?.replica.property(1, of: ship) == .string("ada0"))
    }

    @Test func aVersion1SessionInTheSameGameGetsVersion1BytesAndExactPositions() throws {
        var (harness, v1) = try ledger(players: 6, v1Players: 3)
        harness.version = 1
        let v1Spectator = harness.addSpectator(region: nil)
        harness.version = 2
        for _ in 1...300 {
            harness.driveInputs()
            harness.step()
            harness.verifyReplicas()
            if !harness.failures.isEmpty { break }
        }
        #expect(harness.failures == [])
        for observer in v1 + [v1Spectator] {
            let session = try #require(harness.sessions[observer])
            #expect(session.dialect == .v1 && session.replica.schema == nil && session.messagesReceived == 0)
            #expect(session.stream.count > 10)
            for bytes in session.stream {
                // Version-1 bytes: they decode as version 1 and re-encode identically.
                let message = try WireDecoder.decodeServerMessage(bytes, dialect: .v1)
                var again: [UInt8] = []
                try WireEncoder.encode(message, dialect: .v1, into: &again)
                #expect(again == bytes)
            }
        }
    }
}
