import OrreryDigest

/// Reads the records of one journal file from its bytes, checking the prefix, every length and every checksum.
///
/// `next()` returns records in order and nil at the end; any damage is a `JournalError` naming the byte offset and
/// the record number. `readAll(tolerateTornTail:)` reads a whole file, optionally accepting a torn tail (what a
/// crash mid-write leaves) by dropping it and saying how many bytes were dropped.
public struct JournalReader: Sendable {
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The byte offset of the next record.
    public private(set) var offset: Int
    /// The number of the next record (0 = the header).
    public private(set) var recordIndex = 0
    /// The byte offset at which the last record returned by `next()` started.
    public private(set) var lastRecordOffset = 0
    private let path: String?

    /// A reader over a journal file's bytes; throws when they do not start with the journal prefix of a
    /// supported version. `path` only names the file in errors.
    public init(bytes: [UInt8], path: String? = nil) throws(JournalError) {
        guard bytes.count >= 4, Array(bytes[0..<4]) == JournalFormat.magic else { throw .notAJournal(path: path) }
        guard bytes.count >= JournalFormat.prefixBytes else {
            throw .truncated(offset: 0, record: 0, missing: JournalFormat.prefixBytes - bytes.count)
        }
        let version = UInt16(bytes[4]) | UInt16(bytes[5]) << 8
        guard version == JournalFormat.version else { throw .unsupportedVersion(version) }
        self.bytes = bytes
        self.path = path
        offset = JournalFormat.prefixBytes
    }

    /// The next record, or nil at the end of the file.
    public mutating func next() throws(JournalError) -> JournalRecord? {
        guard offset < bytes.count else { return nil }
        let start = offset
        let record = recordIndex
        var position = start
        var length = 0
        var shift = 0
        while true {
            guard position < bytes.count else { throw .truncated(offset: start, record: record, missing: 1) }
            let byte = bytes[position]
            position += 1
            guard shift < 35 else { throw .invalidLength(offset: start, record: record, length: length) }
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard length >= 1, length <= JournalFormat.maximumRecordBytes else {
            throw .invalidLength(offset: start, record: record, length: length)
        }
        let bodyEnd = position + length
        guard bodyEnd + 4 <= bytes.count else {
            throw .truncated(offset: start, record: record, missing: bodyEnd + 4 - bytes.count)
        }
        let stored = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[bodyEnd + $1]) << UInt32(8 * $1) }
        let computed = CRC32C.checksum(bytes[start..<bodyEnd])
        guard stored == computed else {
            throw .checksumMismatch(offset: start, record: record, stored: stored, computed: computed)
        }
        guard let kind = JournalRecordKind(rawValue: bytes[position]) else {
            throw .unknownKind(offset: start, record: record, kind: bytes[position])
        }
        var decoder = JournalDecoder(bytes, range: (position + 1)..<bodyEnd)
        let decoded: JournalRecord
        do throws(JournalPayloadError) {
            decoded = try decoder.decode(kind)
            guard decoder.isAtEnd else { throw JournalPayloadError(reason: "bytes left after the payload") }
        } catch {
            throw .malformed(offset: start, record: record, kind: kind, reason: error.reason)
        }
        if (record == 0) != (kind == .header) {
            throw .outOfPlace(offset: start, record: record, kind: kind,
                              reason: record == 0 ? "a journal starts with a header" : "a second header")
        }
        offset = bodyEnd + 4
        recordIndex += 1
        lastRecordOffset = start
        return decoded
    }

    /// Every record of the file, with the offset each starts at.
    ///
    /// With `tolerateTornTail`, damage that reaches the end of the file (a record cut short, a last record whose
    /// checksum fails, or zeros where records should be) ends the file at the last intact record instead of
    /// throwing, and `JournalContents.droppedBytes` counts what was cut; damage followed by intact data still
    /// throws. The file must hold at least its header.
    public static func readAll(bytes: [UInt8], path: String? = nil,
                               tolerateTornTail: Bool = false) throws(JournalError) -> JournalContents {
        var reader = try JournalReader(bytes: bytes, path: path)
        var records: [JournalRecord] = []
        var offsets: [Int] = []
        while true {
            do {
                guard let record = try reader.next() else { break }
                records.append(record)
                offsets.append(reader.lastRecordOffset)
            } catch {
                guard tolerateTornTail, !records.isEmpty, reader.isTorn(error) else { throw error }
                break
            }
        }
        guard case .header(let header) = records.first else {
            throw .truncated(offset: JournalFormat.prefixBytes, record: 0, missing: 1)
        }
        return JournalContents(header: header, records: records, offsets: offsets,
                               size: bytes.count, droppedBytes: bytes.count - reader.offset)
    }

    /// Whether a read error at the current record is a torn tail: the damage reaches the end of the file.
    private func isTorn(_ error: JournalError) -> Bool {
        switch error {
        case .truncated: return true
        case .checksumMismatch, .invalidLength, .unknownKind:
            return bytes[offset...].allSatisfy { $0 == 0 } || lastRecordEnd(from: offset) >= bytes.count
        default: return false
        }
    }

    /// Where the record at `start` would end by its (possibly damaged) length.
    private func lastRecordEnd(from start: Int) -> Int {
        var length = 0
        var position = start
        var shift = 0
        while position < bytes.count, shift < 35 {
            let byte = bytes[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return position + length + 4 }
            shift += 7
        }
        return Int.max
    }
}
