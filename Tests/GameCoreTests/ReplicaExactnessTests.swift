import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// The whole path (world → SessionFramer → bytes → WireDecoder → Replica) keeps every replica equal to the truth.
@Suite struct ReplicaExactnessTests {
    @Test func everyReplicaEqualsTheTruthAtEveryTickThroughTheCodec() throws {
        var harness = try GameHarness.arena(seed: 42, players: 50, inputSeed: 9)
        let corner = harness.addSpectator(region: Region(x: 0, y: 0, width: 200 * 256, height: 150 * 256))
        let everything = harness.addSpectator(region: nil)
        // A one-metre window: mostly empty, so it lives on keep-alives.
        harness.addSpectator(region: Region(x: 300 * 256, y: 300 * 256, width: 256, height: 256))
        #expect(harness.universe.world.entityCount >= 200)
        var churn = SeededGenerator(seed: 77)
        var joinedLate = 0
        for tick in 1...2_000 {
            if tick % 200 == 0 {
                let players = harness.universe.playerIDs
                harness.leave(players[Int(churn.next(below: UInt64(players.count)))])
                harness.join()
                joinedLate += 1
            }
            harness.driveInputs()
            harness.step()
            harness.verifyReplicas()
            if !harness.failures.isEmpty { break }
        }
        #expect(harness.failures == [])
        #expect(harness.universe.playerIDs.count == 50 && joinedLate == 10)
        // Every kind of event went through the codec, and ticks without a frame were checked too.
        #expect(harness.eventCounts.prefix(5).allSatisfy { $0 > 0 }, "\(harness.eventCounts)")
        let sessions = harness.sessions.values
        #expect(sessions.reduce(0) { $0 + $1.idleTicks } > 1_000)
        #expect(sessions.reduce(0) { $0 + $1.keepAliveFrames } > 0)
        #expect(sessions.reduce(0) { $0 + $1.acknowledgementFrames } > 0)
        #expect(harness.comparisons > 500_000)
        let universe = harness.universe
        #expect(universe.visibleEntityIDs(of: everything)?.count == universe.world.entityCount)
        #expect(harness.sessions[everything]?.replica.entities.count == universe.world.entityCount)
        let cornerCount = universe.visibleEntityIDs(of: corner)?.count ?? 0
        #expect(cornerCount > 0 && cornerCount < universe.world.entityCount)
    }

    @Test func framesOfDifferentSessionsAreNumberedIndependentlyAndContiguously() throws {
        var harness = try GameHarness.arena(seed: 8, players: 12, inputSeed: 5)
        harness.addSpectator(region: Region(x: 100 * 256, y: 100 * 256, width: 300 * 256, height: 300 * 256))
        for tick in 1...300 {
            if tick == 150 { harness.join() }
            harness.driveInputs()
            harness.step()
        }
        #expect(harness.failures == [])
        for (observer, session) in harness.sessions {
            let seqs = try session.stream.map { bytes -> UInt64 in
                guard case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(bytes, dialect: session.dialect)
                else { return 0 }
                return frame.seq
            }
            #expect(seqs == Array(1...UInt64(seqs.count)), "observer \(observer)")
            #expect(session.framer.nextSeq == UInt64(seqs.count) + 1)
            #expect(session.frameTicks == session.frameTicks.sorted() && Set(session.frameTicks).count == seqs.count)
        }
    }
}
