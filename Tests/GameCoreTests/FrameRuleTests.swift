import OrreryArena
import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// A game where nothing moves: each player gets a still ship in the middle; inputs change nothing.
struct StillRules: GameRules {
    mutating func playerJoined(_ player: UInt32, world: inout World) {
        let ship = world.spawn(kind: ArenaKind.playerShip, x: world.width / 2, y: world.height / 2, radius: 512,
                               owner: player)
        world.setAvatar(of: player, to: ship)
    }
}

/// When frames are sent: events, an advanced input acknowledgement, or the keep-alive period.
@Suite struct FrameRuleTests {
    func stillHarness(keepAlive: UInt32) throws -> GameHarness {
        let universe = try Universe(config: UniverseConfig(seed: 3), rules: StillRules())
        return GameHarness(universe: universe, inputSeed: 1, keepAliveTicks: keepAlive)
    }

    func frames(_ session: TestSession?) throws -> [EventFrame] {
        try (session?.stream ?? []).map { bytes -> EventFrame in
            guard let dialect = session?.dialect,
                  case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(bytes, dialect: dialect) else {
                throw FrameRuleFailure.notAnEventFrame
            }
            return frame
        }
    }

    @Test func keepAliveFramesComeAfterExactlyKeepAliveIdleTicks() throws {
        for keepAlive: UInt32 in [1, 5, 20] {
            var harness = try stillHarness(keepAlive: keepAlive)
            let player = harness.join()
            let empty = harness.addSpectator(region: Region(x: 0, y: 0, width: 256, height: 256))
            for _ in 1...100 { harness.step() }
            #expect(harness.failures == [])
            let k = UInt64(keepAlive)
            // The player's first frame (tick 1) carries its avatar and ship; then only keep-alives.
            #expect(harness.sessions[player]?.frameTicks == Array(stride(from: 1, through: 100, by: Int(k))))
            let playerFrames = try frames(harness.sessions[player])
            #expect(playerFrames.first?.events.count == 2)
            #expect(playerFrames.dropFirst().allSatisfy { $0.events.isEmpty && $0.lastInputSeq == 0 })
            // The empty spectator's first frame goes out on the next tick all the same (section 5.1), then only
            // keep-alives, counted from it.
            let emptyTicks: [UInt64] = Array(stride(from: 1, through: 100, by: Int(k)))
            #expect(harness.sessions[empty]?.frameTicks == emptyTicks)
            #expect(try frames(harness.sessions[empty]).allSatisfy { $0.events.isEmpty })
            #expect(try frames(harness.sessions[empty]).map(\.seq) == Array(1...UInt64(emptyTicks.count)))
        }
    }

    @Test func aFrameIsSentWhenOnlyTheAcknowledgedInputAdvanced() throws {
        var harness = try stillHarness(keepAlive: 20)
        let player = harness.join()
        for _ in 1...10 { harness.step() }
        harness.universe.submitInput(OrreryWorld.PlayerInput(seq: 7, heading: 100, throttle: 255), from: player)
        harness.step()
        // Same input seq again (ignored) and a newer one applied on the same tick as nothing else happens.
        harness.universe.submitInput(OrreryWorld.PlayerInput(seq: 7, heading: 1, throttle: 1), from: player)
        for _ in 12...40 { harness.step() }
        harness.universe.submitInput(OrreryWorld.PlayerInput(seq: 8, heading: 1, throttle: 1), from: player)
        harness.step()
        #expect(harness.failures == [])
        #expect(harness.sessions[player]?.frameTicks == [1, 11, 31, 41])
        let sent = try frames(harness.sessions[player])
        #expect(sent.map(\.lastInputSeq) == [0, 7, 7, 8])
        #expect(sent.dropFirst().allSatisfy { $0.events.isEmpty })
        #expect(harness.sessions[player]?.acknowledgementFrames == 2)
        #expect(harness.sessions[player]?.replica.lastInputSeq == 8)
    }

    @Test func aFrameWithEventsIsSentEveryTickThatHasThem() throws {
        var harness = try stillHarness(keepAlive: 1_000)
        let first = harness.join()
        for _ in 1...3 { harness.step() }
        let second = harness.join()
        harness.step()
        for _ in 5...9 { harness.step() }
        harness.leave(second)
        harness.step()
        #expect(harness.failures == [])
        // Tick 1: own avatar and ship. Tick 4: the second ship appears. Tick 10: it is destroyed (owner left).
        #expect(harness.sessions[first]?.frameTicks == [1, 4, 10])
        let events = try frames(harness.sessions[first]).map(\.events)
        #expect(events.last == [.destroyed(id: 2, reason: .ownerLeft)])
    }
}

enum FrameRuleFailure: Error {
    case notAnEventFrame
}
