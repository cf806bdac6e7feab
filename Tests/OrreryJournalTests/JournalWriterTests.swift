import Foundation
import OrreryArena
import OrreryJournal
import OrreryWorld
import Testing

@Suite struct JournalWriterTests {
    static func scratchDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("orrery-journal-\(UUID().uuidString)").path
    }

    /// An arena driven for `ticks` ticks, every call and tick written through a `JournalWriter`.
    static func record(into directory: String, ticks: Int, policy: JournalPolicy) throws -> Universe {
        let rules = ArenaRules(config: ArenaConfig(asteroidCount: 20, npcCount: 4))
        let config = UniverseConfig(width: 200 * 256, height: 200 * 256, seed: 9)
        let header = JournalHeader(universe: "lobby", rules: rules, config: config, createdAtMilliseconds: 1,
                                   syncMode: policy.syncMode)
        var universe = try Universe(config: config, rules: rules)
        let writer = try JournalWriter(directory: directory, header: header, policy: policy)
        for tick in 1...UInt64(ticks) {
            if tick % 30 == 1 {
                let identity = PlayerIdentity(account: UInt32(tick), name: nil)
                writer.append(.join(player: universe.join(identity: identity), identity: identity))
            }
            for player in universe.playerIDs {
                let input = PlayerInput(seq: UInt32(tick), heading: UInt16(truncatingIfNeeded: tick &* 331), throttle: 90,
                                        actions: 1)
                if universe.submitInput(input, from: player) { writer.append(.input(player: player, input: input)) }
            }
            universe.step()
            writer.append(.tick(tick: universe.tick, hash: universe.stateHash()))
            if writer.snapshotDue {
                try writer.appendSnapshot(JournalSnapshot(tick: universe.tick, universe: universe.snapshot(),
                                                          sessions: [1, 2, 3]))
            }
            try writer.flush()
        }
        try writer.finish()
        #expect(writer.durableTick == UInt64(ticks))
        return universe
    }

    static let rules: JournalReplay.RulesFactory = { $0 == "arena" ? ArenaRules() : nil }

    /// Small segments rotate at every snapshot (10 in 200 ticks, so 11 segments); only the newest three are kept; each starts with its header and a
    /// snapshot, verifies on its own, and together they cover the last ticks without a gap.
    @Test func segmentsRotateArePrunedAndEachVerifiesAlone() throws {
        let directory = JournalWriterTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let policy = JournalPolicy(syncMode: .everyTick, snapshotIntervalTicks: 20, segmentBytes: 1, retainedSegments: 3)
        let final = try JournalWriterTests.record(into: directory, ticks: 200, policy: policy)

        let paths = try JournalWriter.segments(in: directory)
        #expect(paths.map { JournalWriter.segmentNumber($0) } == [9, 10, 11])
        var nextTick: UInt64?
        for path in paths {
            let contents = try JournalReader.readAll(bytes: Array(FileManager.default.contents(atPath: path)!), path: path)
            #expect(contents.header.syncMode == .everyTick)
            #expect(contents.header.segment == JournalWriter.segmentNumber(path))
            guard case .snapshot(let snapshot) = contents.records[1] else {
                Issue.record("\(path) does not start with a snapshot")
                continue
            }
            #expect(snapshot.tick == contents.header.firstTick && snapshot.sessions == [1, 2, 3])
            if let nextTick { #expect(contents.header.firstTick == nextTick) }
            let result = try JournalVerifier.verify(contents, rules: JournalWriterTests.rules)
            #expect(result.divergence == nil)
            #expect(result.ticks == 20 || path == paths.last)
            nextTick = result.lastTick
        }
        #expect(nextTick == 200)
        let last = try JournalReader.readAll(bytes: Array(FileManager.default.contents(atPath: paths.last!)!))
        #expect(last.records.last == .end(tick: 200))
        let replayed = try JournalVerifier.verify(last, rules: JournalWriterTests.rules)
        #expect(replayed.lastTick == final.tick)
    }

    /// Without rotation the whole match is one first segment, replayable from tick 0; a second writer in the same
    /// directory continues with the next segment number instead of overwriting.
    @Test func oneSegmentFromTickZeroAndNoOverwrite() throws {
        let directory = JournalWriterTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let final = try JournalWriterTests.record(into: directory, ticks: 60, policy: JournalPolicy(syncMode: .operatingSystem))
        var paths = try JournalWriter.segments(in: directory)
        #expect(paths.map { JournalWriter.segmentNumber($0) } == [1])
        let contents = try JournalReader.readAll(bytes: Array(FileManager.default.contents(atPath: paths[0])!))
        #expect(contents.header.firstTick == 0 && contents.records[1].kind == .join)
        var replay = try JournalReplay(contents: contents, rules: JournalWriterTests.rules)
        for (index, record) in contents.records.enumerated().dropFirst() { _ = try replay.apply(record, record: index) }
        #expect(replay.universe.snapshot() == final.snapshot())

        let snapshot = JournalSnapshot(tick: final.tick, universe: final.snapshot())
        let writer = try JournalWriter(directory: directory, header: contents.header, continuingWith: snapshot)
        #expect(writer.header.segment == 2 && writer.header.firstTick == 60 && writer.durableTick == 60)
        paths = try JournalWriter.segments(in: directory)
        #expect(paths.map { JournalWriter.segmentNumber($0) } == [1, 2])
    }

    @Test func syncModesParse() {
        #expect(JournalSyncMode(argument: "tick") == .everyTick)
        #expect(JournalSyncMode(argument: "os") == .operatingSystem)
        #expect(JournalSyncMode(argument: "interval") == .interval(milliseconds: 100))
        #expect(JournalSyncMode(argument: "interval:250") == .interval(milliseconds: 250))
        #expect(JournalSyncMode(argument: "interval:0") == nil)
        #expect(JournalSyncMode(argument: "always") == nil)
        #expect(JournalSyncMode.interval(milliseconds: 250).description == "interval:250")
    }
}
