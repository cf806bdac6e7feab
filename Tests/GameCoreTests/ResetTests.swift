import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// A game whose setup fills the world with still entities in a grid, enough to overflow one event frame.
struct CrowdRules: GameRules {
    let count: Int

    mutating func setUp(world: inout World) {
        let columns = 300
        for index in 0..<count {
            world.spawn(kind: 3, x: Int32(index % columns) * 256 + 128, y: Int32(index / columns) * 256 + 128,
                        radius: 0)
        }
    }
}

/// A reset rebuilds a fresh replica equal to the truth, and frames continue from it.
@Suite struct ResetTests {
    @Test func resetsAtRandomTicksRebuildFreshReplicasThatFramesContinue() throws {
        var harness = try GameHarness.arena(seed: 17, players: 30, inputSeed: 23)
        harness.addSpectator(region: Region(x: 50 * 256, y: 50 * 256, width: 250 * 256, height: 200 * 256))
        harness.addSpectator(region: nil)
        var chooser = SeededGenerator(seed: 99)
        for tick in 1...600 {
            if tick % 100 == 0 {
                // A reset right after joining, before the new player's first tick: empty view, no avatar yet.
                let player = harness.join()
                harness.sendReset(to: player)
            }
            harness.driveInputs()
            harness.step { _ in chooser.next(below: 25) == 0 }
            harness.verifyReplicas()
            if !harness.failures.isEmpty { break }
        }
        #expect(harness.failures == [])
        #expect(harness.resets > 500)
        // Frames followed resets: every session's stream is one contiguous run of seqs mixing both kinds.
        for session in harness.sessions.values {
            let seqs = try session.stream.map { bytes -> UInt64 in
                switch try WireDecoder.decodeServerMessage(bytes, dialect: session.dialect) {
                case .eventFrame(let frame): frame.seq
                case .reset(let reset): reset.seq
                default: 0
                }
            }
            #expect(seqs == Array(1...UInt64(seqs.count)))
        }
    }

    @Test func aFrameTooLargeToEncodeLeavesTheBufferAndAsksForAReset() throws {
        let count = WireProtocol.maxEventsPerFrame + 10
        let config = UniverseConfig(width: 300 * 256, height: 300 * 256, cellSize: 1024, seed: 1)
        var universe = try Universe(config: config, rules: CrowdRules(count: count))
        let spectator = universe.addSpectator(.wholeWorld)
        var framer = SessionFramer(tick: universe.tick, keepAliveTicks: 2)
        var replica = Replica()
        replica.begin(framer.welcome(playerID: 0, avatarID: 0, tick: universe.tick, config: config,
                                     resumeToken: ResumeToken(low: 1, high: 2)))
        universe.step()
        var buffer: [UInt8] = [9, 9, 9]
        var update: ObserverUpdate?
        universe.forEachObserverUpdate { update = $0 }
        let first = try #require(update)
        #expect(first.events.count == count)
        #expect(throws: WireEncodingError.tooManyRecords(limit: WireProtocol.maxEventsPerFrame)) {
            try framer.appendFrame(for: first, in: universe, tick: universe.tick, into: &buffer)
        }
        #expect(buffer == [9, 9, 9])
        #expect(framer.needsReset && framer.nextSeq == 1)
        universe.step()
        universe.forEachObserverUpdate { update = $0 }
        let second = try #require(update)
        #expect(!framer.isFrameDue(second, tick: universe.tick))
        buffer.removeAll()
        try framer.appendReset(try #require(universe.snapshot(for: spectator)), into: &buffer)
        #expect(!framer.needsReset && framer.nextSeq == 2)
        guard case .reset(let reset) = try WireDecoder.decodeServerMessage(buffer) else {
            Issue.record("not a reset")
            return
        }
        try replica.apply(reset)
        #expect(replica.entities.count == count)
        universe.world.forEachEntity { state in
            if !GameHarness.matches(replica.entity(state.id)!, state) { Issue.record("entity \(state.id) differs") }
        }
        // Nothing moves: the first frame after the reset goes out on the next tick, then a keep-alive.
        var ticks: [UInt64] = []
        for _ in 1...3 {
            universe.step()
            universe.forEachObserverUpdate { update = $0 }
            buffer.removeAll()
            if try framer.appendFrame(for: try #require(update), in: universe, tick: universe.tick, into: &buffer) {
                ticks.append(universe.tick)
            }
        }
        #expect(ticks == [reset.tick + 1, reset.tick + 3])
    }
}
