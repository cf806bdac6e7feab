import OrreryArena
import OrreryDigest
import OrreryJournal
import OrreryWorld
import Testing

@Suite struct JournalReaderTests {
    /// A small journal: header, a join, inputs and ten ticks, a snapshot, an end.
    static let journal: [UInt8] = {
        var recorder = try! JournalRecorder(rules: ArenaRules(config: ArenaConfig(asteroidCount: 4, npcCount: 1)),
                                            config: UniverseConfig(width: 100 * 256, height: 100 * 256, seed: 5),
                                            snapshotIntervalTicks: 5)
        let player = recorder.join(identity: PlayerIdentity(name: "ada"))
        for tick in 1...10 {
            recorder.submitInput(PlayerInput(seq: UInt32(tick), heading: 100, throttle: 9), from: player)
            recorder.step()
        }
        recorder.finish()
        return recorder.bytes
    }()

    static var contents: JournalContents { try! JournalReader.readAll(bytes: journal) }

    @Test func foreignAndEmptyFilesAreNotJournals() {
        #expect(throws: JournalError.notAJournal(path: "a.gif")) {
            try JournalReader.readAll(bytes: Array("GIF89a, not a journal".utf8), path: "a.gif")
        }
        #expect(throws: JournalError.notAJournal(path: nil)) { try JournalReader.readAll(bytes: []) }
        #expect(throws: JournalError.truncated(offset: 0, record: 0, missing: 3)) {
            try JournalReader.readAll(bytes: Array("ORRJ\u{1}".utf8))
        }
    }

    @Test func aNewerFormatVersionIsRefused() {
        var bytes = JournalReaderTests.journal
        bytes[4] = 2
        #expect(throws: JournalError.unsupportedVersion(2)) { try JournalReader.readAll(bytes: bytes) }
        #expect("\(JournalError.unsupportedVersion(2))".contains("reads version 1"))
    }

    /// Cut anywhere inside the last record, the strict read names the record and its offset; the tolerant read
    /// keeps every record before it and counts the bytes it dropped.
    @Test func aTruncatedTailNamesTheRecordAndCanBeDropped() throws {
        let contents = JournalReaderTests.contents
        let last = contents.records.count - 1
        let lastOffset = contents.offsets[last]
        for cut in lastOffset + 1..<JournalReaderTests.journal.count {
            let bytes = Array(JournalReaderTests.journal[0..<cut])
            #expect(throws: JournalError.truncated(offset: lastOffset, record: last,
                                                   missing: JournalReaderTests.journal.count - cut)) {
                try JournalReader.readAll(bytes: bytes)
            }
            let torn = try JournalReader.readAll(bytes: bytes, tolerateTornTail: true)
            #expect(torn.records == Array(contents.records.dropLast()))
            #expect(torn.droppedBytes == cut - lastOffset)
        }
    }

    /// Every prefix of the file reads without a crash: either an error or the records that fit.
    @Test func everyPrefixReadsOrFailsCleanly() {
        let contents = JournalReaderTests.contents
        for cut in 0...JournalReaderTests.journal.count {
            let bytes = Array(JournalReaderTests.journal[0..<cut])
            guard let torn = try? JournalReader.readAll(bytes: bytes, tolerateTornTail: true) else {
                #expect(cut < contents.offsets[1], "only a file without its whole header fails, not \(cut) bytes")
                continue
            }
            let kept = torn.records.count
            #expect(torn.records == Array(contents.records.prefix(kept)))
            let keptEnd = kept < contents.records.count ? contents.offsets[kept] : JournalReaderTests.journal.count
            #expect(torn.droppedBytes == cut - keptEnd)
        }
    }

    /// A damaged byte anywhere after the prefix is caught by a checksum or a length check, never read as data.
    @Test func everyCorruptedByteIsCaught() {
        let original = JournalReaderTests.journal
        for position in JournalFormat.prefixBytes..<original.count {
            var bytes = original
            bytes[position] ^= 0x41
            #expect(throws: JournalError.self, "byte \(position)") { try JournalReader.readAll(bytes: bytes) }
        }
    }

    @Test func corruptionInTheMiddleIsNotATornTail() throws {
        let contents = JournalReaderTests.contents
        var bytes = JournalReaderTests.journal
        let record = 3
        bytes[contents.offsets[record] + 2] ^= 0xFF
        do {
            _ = try JournalReader.readAll(bytes: bytes, tolerateTornTail: true)
            Issue.record("a damaged record followed by intact ones was accepted")
        } catch {
            guard case .checksumMismatch(let offset, let index, _, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(offset == contents.offsets[record] && index == record)
            #expect("\(error)".contains("record 3 at byte \(offset) is corrupted"))
        }
    }

    @Test func aDamagedLastRecordOrAZeroFilledTailIsTorn() throws {
        let contents = JournalReaderTests.contents
        var damaged = JournalReaderTests.journal
        damaged[damaged.count - 2] ^= 0x10
        let torn = try JournalReader.readAll(bytes: damaged, tolerateTornTail: true)
        #expect(torn.records == Array(contents.records.dropLast()))
        #expect(torn.droppedBytes == damaged.count - contents.offsets.last!)

        let zeros = JournalReaderTests.journal + [UInt8](repeating: 0, count: 4096)
        #expect(throws: JournalError.invalidLength(offset: JournalReaderTests.journal.count,
                                                   record: contents.records.count, length: 0)) {
            try JournalReader.readAll(bytes: zeros)
        }
        let padded = try JournalReader.readAll(bytes: zeros, tolerateTornTail: true)
        #expect(padded.records == contents.records)
        #expect(padded.droppedBytes == 4096)
    }

    /// Records that pass their checksum but hold nonsense: an unknown kind, a payload with bytes left over, a
    /// journal that does not start with its header.
    @Test func checkedButInvalidRecordsAreNamed() {
        let header = JournalReaderTests.contents.header
        var unknown = JournalFormat.file([.header(header)])
        let unknownOffset = unknown.count
        unknown += JournalReaderTests.frame(kind: 0x7F, payload: [1, 2])
        #expect(throws: JournalError.unknownKind(offset: unknownOffset, record: 1, kind: 0x7F)) {
            try JournalReader.readAll(bytes: unknown)
        }
        var long = JournalFormat.file([.header(header)])
        let longOffset = long.count
        long += JournalReaderTests.frame(kind: JournalRecordKind.leave.rawValue, payload: [1, 2])
        #expect(throws: JournalError.malformed(offset: longOffset, record: 1, kind: .leave,
                                               reason: "bytes left after the payload")) {
            try JournalReader.readAll(bytes: long)
        }
        let headless = JournalFormat.file([.tick(tick: 1, hash: 2)])
        #expect(throws: JournalError.outOfPlace(offset: 8, record: 0, kind: .tick,
                                                reason: "a journal starts with a header")) {
            try JournalReader.readAll(bytes: headless)
        }
    }

    /// A record framed by hand: length, kind, payload, CRC-32C.
    static func frame(kind: UInt8, payload: [UInt8]) -> [UInt8] {
        var bytes = [UInt8(payload.count + 1), kind] + payload
        let crc = CRC32C.checksum(bytes)
        bytes += (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
        return bytes
    }
}
