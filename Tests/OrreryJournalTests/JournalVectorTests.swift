import Foundation
import OrreryArena
import OrreryJournal
import OrreryWorld
import Testing

/// The golden files under Protocol/journal-vectors/: `records.tsv` (one framed record of every kind, hex) and
/// `arena.orj` (a short recorded arena match) with its listing `arena.tsv`. Regenerate them after a deliberate
/// format or simulation change with `ORRERY_WRITE_JOURNAL_VECTORS=1 swift test --filter JournalVectorTests`.
@Suite struct JournalVectorTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol/journal-vectors")
    static let writing = ProcessInfo.processInfo.environment["ORRERY_WRITE_JOURNAL_VECTORS"] == "1"

    static let header = JournalHeader(
        universe: "vectors",
        schema: GameSchema(game: "vector", kinds: [EntityKindStyle(code: 1, name: "ship", shape: .triangle,
                                                                    color: 0x33CC66, glyph: "▲",
                                                                    label: EntityProperty(index: 0))],
                           entityProperties: [PropertySpec(name: "name", type: .string(maxLength: 16))],
                           playerProperties: [PropertySpec(name: "score", type: .int)],
                           universeProperties: [PropertySpec(name: "phase", type: .bytes(maxLength: 4))],
                           messages: [MessageSpec(name: "note", format: .text)],
                           commands: [MessageSpec(name: "team", format: .bytes)], inputPayloadMaxBytes: 8,
                           commandMaxBytes: 16),
        config: UniverseConfig(width: 1000, height: 2000, tickRate: 30, viewRadius: 300, hysteresis: 20, cellSize: 64,
                               seed: 0x0123_4567_89AB_CDEF),
        rulesState: [1, 2, 3], createdAtMilliseconds: 1_796_400_000_000, syncMode: .interval(milliseconds: 100),
        segment: 3, firstTick: 600)

    /// Named records covering every kind and the optional parts of each.
    static let records: [(name: String, record: JournalRecord)] = [
        ("header", .header(header)),
        ("snapshot", .snapshot(JournalSnapshot(tick: 600, universe: [0xAA, 0xBB], sessions: [0xCC]))),
        ("join-anonymous", .join(player: 1, identity: PlayerIdentity())),
        ("join-account-and-name", .join(player: 300, identity: PlayerIdentity(account: 70000, name: "Ada"))),
        ("leave", .leave(player: 300)),
        ("spectator-added-world", .spectatorAdded(spectator: 2, view: .wholeWorld)),
        ("spectator-view-rectangle", .spectatorViewChanged(spectator: 2, view: .rectangle(minX: -1, minY: 0,
                                                                                           maxX: 1000, maxY: 2000))),
        ("spectator-removed", .spectatorRemoved(spectator: 2)),
        ("input", .input(player: 1, input: PlayerInput(seq: 129, heading: 49152, throttle: 255, actions: 1))),
        ("input-with-payload", .input(player: 1, input: PlayerInput(seq: 130, heading: 0, throttle: 0, actions: 0,
                                                                    payload: [1, 2, 3]))),
        ("command", .command(player: 1, command: GameCommand(kind: CommandKind(code: 0), payload: [7]))),
        ("tick", .tick(tick: 601, hash: 0x0011_2233_4455_6677)),
        ("session", .session([0x01, 0x02, 0x03])),
        ("end", .end(tick: 601)),
    ]

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
    }

    /// The arena match of `arena.orj`: two players (one with an account and name), a spectator whose view
    /// changes, inputs every tick, a leave, snapshots at ticks 20 and 40, a clean end.
    static func arenaMatch() throws -> [UInt8] {
        var recorder = try JournalRecorder(universe: "vectors",
                                           rules: ArenaRules(config: ArenaConfig(asteroidCount: 6, npcCount: 2)),
                                           config: UniverseConfig(width: 120 * 256, height: 120 * 256, seed: 2026),
                                           createdAtMilliseconds: 1_796_400_000_000, syncMode: .everyTick,
                                           snapshotIntervalTicks: 20)
        let first = recorder.join(identity: PlayerIdentity())
        let spectator = recorder.addSpectator(.wholeWorld)
        var second: UInt32 = 0
        for tick in 1...UInt32(45) {
            if tick == 3 { second = recorder.join(identity: PlayerIdentity(account: 42, name: "Ada")) }
            if tick == 10 { recorder.setSpectatorView(spectator, to: .rectangle(minX: 0, minY: 0, maxX: 15360, maxY: 15360)) }
            if tick == 30 { recorder.leave(second) }
            recorder.submitInput(PlayerInput(seq: tick, heading: UInt16(truncatingIfNeeded: tick * 1500), throttle: 200,
                                             actions: UInt8(tick % 3 == 0 ? 1 : 0)), from: first)
            if tick > 3 && tick < 30 {
                recorder.submitInput(PlayerInput(seq: tick, heading: 20000, throttle: 255, actions: 1), from: second)
            }
            recorder.step()
        }
        recorder.finish()
        return recorder.bytes
    }

    static func listing(_ contents: JournalContents) -> String {
        var lines = ["index\toffset\tkind\tdetail"]
        for (index, record) in contents.records.enumerated() {
            let detail: String
            switch record {
            case .header(let header): detail = "game=\(header.schema.game) segment=\(header.segment) seed=\(header.config.seed)"
            case .snapshot(let snapshot): detail = "tick=\(snapshot.tick) bytes=\(snapshot.universe.count)"
            case .join(let player, _), .leave(let player): detail = "player=\(player)"
            case .spectatorAdded(let spectator, _), .spectatorViewChanged(let spectator, _),
                 .spectatorRemoved(let spectator): detail = "spectator=\(spectator)"
            case .input(let player, let input): detail = "player=\(player) seq=\(input.seq)"
            case .command(let player, let command): detail = "player=\(player) code=\(command.kind.code)"
            case .tick(let tick, let hash): detail = "tick=\(tick) hash=\(String(hash, radix: 16))"
            case .end(let tick): detail = "tick=\(tick)"
            case .session(let bytes): detail = "bytes=\(bytes.count)"
            }
            lines.append("\(index)\t\(contents.offsets[index])\t\(record.kind)\t\(detail)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func vectorsAreWrittenOnRequest() throws {
        guard JournalVectorTests.writing else { return }
        let directory = JournalVectorTests.directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lines = ["name\tkind\thex"]
        for (name, record) in JournalVectorTests.records {
            var bytes: [UInt8] = []
            JournalFormat.append(record, to: &bytes)
            lines.append("\(name)\t\(record.kind)\t\(JournalVectorTests.hex(bytes))")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("records.tsv"),
                                                         atomically: true, encoding: .utf8)
        let match = try JournalVectorTests.arenaMatch()
        try Data(match).write(to: directory.appendingPathComponent("arena.orj"))
        try JournalVectorTests.listing(JournalReader.readAll(bytes: match))
            .write(to: directory.appendingPathComponent("arena.tsv"), atomically: true, encoding: .utf8)
    }

    /// Every golden record decodes to its named record, and encoding it gives the golden bytes.
    @Test func recordVectorsDecodeAndEncodeExactly() throws {
        let rows = try JournalVectorTests.rows("records.tsv")
        #expect(rows.map { $0[0] } == JournalVectorTests.records.map(\.name))
        #expect(Set(rows.map { $0[1] }) == Set(JournalRecordKind.allCases.map(\.description)))
        for (row, (name, record)) in zip(rows, JournalVectorTests.records) {
            var bytes: [UInt8] = []
            JournalFormat.append(record, to: &bytes)
            #expect(JournalVectorTests.hex(bytes) == row[2], "\(name)")
            var file = JournalFormat.prefix
            if record.kind != .header { JournalFormat.append(.header(JournalVectorTests.header), to: &file) }
            file += JournalVectorTests.bytes(hex: row[2])
            let contents = try JournalReader.readAll(bytes: file)
            #expect(contents.records.last == record, "\(name)")
        }
    }

    /// The golden match reads record by record as its listing says, is exactly what recording it again gives,
    /// and verifies tick by tick against the arena of this build.
    @Test func theGoldenMatchReadsReRecordsAndVerifies() throws {
        let bytes = try Array(Data(contentsOf: JournalVectorTests.directory.appendingPathComponent("arena.orj")))
        let contents = try JournalReader.readAll(bytes: bytes)
        let listing = try String(contentsOf: JournalVectorTests.directory.appendingPathComponent("arena.tsv"),
                                 encoding: .utf8)
        #expect(JournalVectorTests.listing(contents) == listing)
        #expect(try JournalVectorTests.arenaMatch() == bytes)
        let result = try JournalVerifier.verify(contents) { $0 == "arena" ? ArenaRules() : nil }
        #expect(result.divergence == nil)
        #expect(result.ticks == 45 && result.snapshots == 2)
    }
}
