import OrreryJournal
import OrreryPosix
import OrreryWorld

/// A universe read back from its journal directory after a crash: re-simulated from the start of its newest
/// readable segment (its header, or the snapshot after it) through the last tick record, with the host's
/// sessions as they were at that tick and the records that followed it (calls made between that tick and the
/// crash, applied by `UniverseHost.restore(_:now:)`).
///
/// A torn tail (what a crash mid-write leaves) is cut off: every intact record is used, the file is truncated to
/// them and `droppedBytes` says how much went. A newest segment that cannot be used at all (e.g. torn inside its
/// header or first snapshot, a crash while rotating) gives way to the one before it.
public struct UniverseRecovery: Sendable {
    /// The header of the segment read.
    public var header: JournalHeader
    /// The universe at its last recorded tick.
    public var universe: Universe
    /// The host's sessions at that tick.
    public var sessions: [SessionRecord]
    /// The records after the last tick record, in order.
    public var trailing: [JournalRecord]
    /// The segment read.
    public var segmentPath: String
    /// Bytes cut from the segment's torn tail.
    public var droppedBytes: Int
    /// Ticks re-simulated from the segment's start.
    public var ticksReplayed: Int
    /// Ticks whose re-simulated state hash differs from the recorded one (0 for deterministic rules).
    public var hashMismatches: Int
    /// Whether the journal ends with an end record (the universe was removed, not crashed).
    public var endedCleanly: Bool
    /// Newer segments that could not be used, with why.
    public var skippedSegments: [(path: String, error: JournalError)]

    /// Whether `directory` holds a journal to recover.
    public static func exists(in directory: String) -> Bool {
        (try? JournalWriter.segments(in: directory).isEmpty == false) ?? false
    }

    /// Reads the journal in `directory` of the universe `name`, with its rules from `rules` (the server's
    /// factory, given the journal's configuration). Throws the newest segment's error when none can be used.
    public init(directory: String, name: String, rules: @escaping GameRulesFactory) throws(JournalError) {
        let segments = try JournalWriter.segments(in: directory)
            .sorted { (JournalWriter.segmentNumber($0) ?? 0) < (JournalWriter.segmentNumber($1) ?? 0) }
        var skipped: [(path: String, error: JournalError)] = []
        for path in segments.reversed() {
            do {
                self = try UniverseRecovery(segment: path, name: name, rules: rules)
                skippedSegments = skipped
                return
            } catch {
                skipped.append((path, error))
            }
        }
        throw skipped.first?.error ?? .notAJournal(path: directory)
    }

    private init(segment path: String, name: String, rules: @escaping GameRulesFactory) throws(JournalError) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw .io(path: path, error)
        }
        let contents = try JournalReader.readAll(bytes: bytes, path: path, tolerateTornTail: true)
        let config = contents.header.config
        var replay = try JournalReplay(contents: contents) { game in
            let made = rules(name, config)
            return made.schema.game == game ? made : nil
        }
        var open: [UInt32: SessionRecord] = [:]
        var start = 1
        if contents.records.count > 1, case .snapshot(let snapshot) = contents.records[1] {
            open = try Self.sessions(snapshot, record: 1, offset: contents.offsets[1])
            start = 2
        }
        let lastTick = contents.records.lastIndex { if case .tick = $0 { true } else { false } } ?? (start - 1)
        var ticks = 0
        var mismatches = 0
        for index in start..<max(start, lastTick + 1) {
            let record = contents.records[index]
            if case .session(let change) = record {
                do {
                    switch try SessionRecord.decodeChange(change) {
                    case .opened(let session): open[session.observerID] = session
                    case .closed(let observer): open[observer] = nil
                    }
                } catch {
                    throw .malformed(offset: contents.offsets[index], record: index, kind: .session,
                                     reason: "\(error)")
                }
                continue
            }
            if case .ticked(_, let recorded, let computed) = try replay.apply(record, record: index) {
                ticks += 1
                if recorded != computed { mismatches += 1 }
            }
        }
        if contents.droppedBytes > 0 {
            do {
                var file = try AppendFile(path: path, createNew: false)
                try file.truncate(to: contents.size - contents.droppedBytes)
                try file.sync()
            } catch {
                throw .io(path: path, error)
            }
        }
        header = contents.header
        universe = replay.universe
        sessions = open.values.sorted { $0.observerID < $1.observerID }
        trailing = contents.records[(lastTick + 1)...].filter { if case .end = $0 { false } else { true } }
        endedCleanly = contents.records.last.map { if case .end = $0 { true } else { false } } ?? false
        segmentPath = path
        droppedBytes = contents.droppedBytes
        ticksReplayed = ticks
        hashMismatches = mismatches
        skippedSegments = []
    }

    private static func sessions(_ snapshot: JournalSnapshot, record: Int,
                                 offset: Int) throws(JournalError) -> [UInt32: SessionRecord] {
        do {
            return Dictionary(try SessionRecord.decodeList(snapshot.sessions).map { ($0.observerID, $0) }) { $1 }
        } catch {
            throw .malformed(offset: offset, record: record, kind: .snapshot, reason: "sessions: \(error)")
        }
    }
}
