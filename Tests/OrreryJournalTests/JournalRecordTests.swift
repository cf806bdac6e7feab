import OrreryArena
import OrreryJournal
import OrreryWorld
import Testing

@Suite struct JournalRecordTests {
    static let header = JournalHeader(universe: "lobby", rules: ArenaRules(), config: UniverseConfig(seed: 42),
                                      createdAtMilliseconds: 1_796_400_000_000, syncMode: .everyTick)

    /// One record of every kind, with values at the edges of their fields.
    static let records: [JournalRecord] = [
        .header(header),
        .snapshot(JournalSnapshot(tick: 600, universe: [1, 2, 3], sessions: [9])),
        .join(player: 1, identity: PlayerIdentity(account: 77, name: "ada")),
        .join(player: 2, identity: PlayerIdentity()),
        .spectatorAdded(spectator: 3, view: .wholeWorld),
        .spectatorViewChanged(spectator: 3, view: .rectangle(minX: -5, minY: 0, maxX: .max, maxY: .min)),
        .input(player: 1, input: PlayerInput(seq: .max, heading: 65535, throttle: 255, actions: 1, payload: [0, 255])),
        .command(player: 2, command: GameCommand(kind: CommandKind(code: 3), payload: Array("go".utf8))),
        .tick(tick: 1, hash: 0xFEDC_BA98_7654_3210),
        .spectatorRemoved(spectator: 3),
        .leave(player: 2),
        .session([1, 2, 0, 0, 0]),
        .end(tick: 1),
    ]

    @Test func everyRecordKindRoundTrips() throws {
        let bytes = JournalFormat.file(JournalRecordTests.records)
        let contents = try JournalReader.readAll(bytes: bytes)
        #expect(contents.records == JournalRecordTests.records)
        #expect(contents.header == JournalRecordTests.header)
        #expect(contents.droppedBytes == 0)
        #expect(contents.offsets.first == JournalFormat.prefixBytes)
        #expect(Set(contents.records.map(\.kind)) == Set(JournalRecordKind.allCases))
    }
}
