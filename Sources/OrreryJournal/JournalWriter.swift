import OrreryPosix

/// Writes one universe's journal into its own directory, one segment file after another.
///
/// Records are buffered by `append`; `flush()` hands them to the file in one write and `sync()` makes them
/// durable, so the caller decides when (the sync mode). A segment is `DIRECTORY/NNNNNNNN.orj`: the first starts
/// with the header alone (the universe is rebuilt from it at tick 0), every later one with a header and a snapshot,
/// so that each segment can be read, replayed and verified on its own. Confined to the universe's thread.
public final class JournalWriter {
    /// The universe's journal directory.
    public let directory: String
    /// The snapshot, rotation and retention settings.
    public let policy: JournalPolicy
    /// The header of the current segment.
    public private(set) var header: JournalHeader
    /// The current segment's path.
    public private(set) var segmentPath: String
    /// The last tick recorded by a `tick` record (appended, maybe not yet written).
    public private(set) var lastTick: UInt64
    /// The last tick whose records were written to the file (`flush`).
    public private(set) var writtenTick: UInt64
    /// The last tick whose records are durable (`sync`).
    public private(set) var durableTick: UInt64
    /// The tick of the last snapshot (or the segment's first tick).
    public private(set) var lastSnapshotTick: UInt64

    private var file: AppendFile
    private var buffer: [UInt8] = []
    private var scratch = JournalEncoder()

    /// Starts the journal of a new universe (tick 0): creates the directory and segment 1 holding the header.
    /// A directory that already holds segments continues after the last one (segment numbers keep increasing).
    public convenience init(directory: String, header: JournalHeader, policy: JournalPolicy = JournalPolicy())
        throws(JournalError) {
        try self.init(directory: directory, header: header, snapshot: nil, policy: policy)
    }

    /// Continues a universe restored from `snapshot` (after a crash): a new segment starting with the header and
    /// the snapshot, numbered after the directory's last segment.
    public convenience init(directory: String, header: JournalHeader, continuingWith snapshot: JournalSnapshot,
                            policy: JournalPolicy = JournalPolicy()) throws(JournalError) {
        try self.init(directory: directory, header: header, snapshot: snapshot, policy: policy)
    }

    private init(directory: String, header: JournalHeader, snapshot: JournalSnapshot?, policy: JournalPolicy)
        throws(JournalError) {
        self.directory = directory
        self.policy = policy
        do {
            try FileSystem.makeDirectory(directory)
        } catch {
            throw .io(path: directory, error)
        }
        let existing = try JournalWriter.segments(in: directory)
        var first = header
        first.syncMode = policy.syncMode
        first.segment = (existing.last.flatMap(JournalWriter.segmentNumber) ?? 0) + 1
        first.firstTick = snapshot?.tick ?? 0
        self.header = first
        segmentPath = JournalWriter.path(of: first.segment, in: directory)
        lastTick = first.firstTick
        writtenTick = first.firstTick
        durableTick = first.firstTick
        lastSnapshotTick = first.firstTick
        file = try JournalWriter.create(segmentPath)
        buffer = JournalFormat.prefix
        append(.header(first))
        if let snapshot { append(.snapshot(snapshot)) }
        try sync()
        try syncDirectory()
    }

    /// Bytes appended but not yet written to the file.
    public var bufferedBytes: Int { buffer.count }

    /// The current segment's size including buffered bytes.
    public var segmentSize: Int { file.size + buffer.count }

    /// Whether a snapshot is due (`policy.snapshotIntervalTicks` since the last one).
    public var snapshotDue: Bool { lastTick &- lastSnapshotTick >= policy.snapshotIntervalTicks }

    /// Buffers a record. Append them in the order the universe applied them; a `tick` record advances `lastTick`.
    /// A snapshot goes through `appendSnapshot`, which may rotate.
    public func append(_ record: JournalRecord) {
        if case .tick(let tick, _) = record { lastTick = tick }
        JournalFormat.append(record, to: &buffer, scratch: &scratch)
    }

    /// Records a snapshot taken right after the last tick. When the segment has reached `policy.segmentBytes`,
    /// the current segment is made durable and closed, and a new one starts with the header and this snapshot;
    /// segments beyond `policy.retainedSegments` are removed.
    public func appendSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) {
        lastSnapshotTick = snapshot.tick
        guard segmentSize >= policy.segmentBytes else {
            append(.snapshot(snapshot))
            return
        }
        try sync()
        header.segment += 1
        header.firstTick = snapshot.tick
        segmentPath = JournalWriter.path(of: header.segment, in: directory)
        file = try JournalWriter.create(segmentPath)
        buffer = JournalFormat.prefix
        append(.header(header))
        append(.snapshot(snapshot))
        try sync()
        try prune()
        try syncDirectory()
    }

    /// Writes the buffered records to the file (one write; not yet durable).
    public func flush() throws(JournalError) {
        guard !buffer.isEmpty else {
            writtenTick = lastTick
            return
        }
        do {
            try file.append(buffer[...])
        } catch {
            throw .io(path: segmentPath, error)
        }
        buffer.removeAll(keepingCapacity: true)
        writtenTick = lastTick
    }

    /// Writes the buffered records and waits until they are on the disk.
    public func sync() throws(JournalError) {
        try flush()
        do {
            try file.sync()
        } catch {
            throw .io(path: segmentPath, error)
        }
        durableTick = writtenTick
    }

    /// Records a clean end after the last tick and makes the journal durable.
    public func finish() throws(JournalError) {
        append(.end(tick: lastTick))
        try sync()
    }

    /// The segment files of a journal directory, oldest first (empty when there is none).
    public static func segments(in directory: String) throws(JournalError) -> [String] {
        guard FileSystem.exists(directory) else { return [] }
        do {
            return try FileSystem.listDirectory(directory)
                .filter { segmentNumber($0) != nil }
                .map { directory + "/" + $0 }
        } catch {
            throw .io(path: directory, error)
        }
    }

    /// The number of a segment from its file name or path (`00000042.orj` → 42), nil for other names.
    public static func segmentNumber(_ path: String) -> UInt32? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let suffix = "." + JournalFormat.fileExtension
        guard name.hasSuffix(suffix) else { return nil }
        let digits = name.dropLast(suffix.count)
        guard digits.count == 8, digits.allSatisfy(\.isASCII) else { return nil }
        return UInt32(digits)
    }

    /// The path of segment `number` in `directory`.
    public static func path(of number: UInt32, in directory: String) -> String {
        let digits = String(number)
        return directory + "/" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + "."
            + JournalFormat.fileExtension
    }

    private static func create(_ path: String) throws(JournalError) -> AppendFile {
        do {
            return try AppendFile(path: path)
        } catch {
            throw .io(path: path, error)
        }
    }

    private func prune() throws(JournalError) {
        guard policy.retainedSegments > 0 else { return }
        let all = try JournalWriter.segments(in: directory)
        for path in all.dropLast(policy.retainedSegments) {
            do {
                try FileSystem.removeFile(path)
            } catch {
                throw .io(path: path, error)
            }
        }
    }

    private func syncDirectory() throws(JournalError) {
        do {
            try FileSystem.syncDirectory(directory)
        } catch {
            throw .io(path: directory, error)
        }
    }
}
