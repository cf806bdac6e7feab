import OrreryDigest

/// The constants and the framing of the journal format (Protocol/JOURNAL.md).
///
/// A file is the 8-byte prefix (`ORRJ`, the format version as `u16` little-endian, two zero bytes), then records.
/// A record is its body length `v32` (kind byte plus payload), the kind byte, the payload, and the CRC-32C of
/// everything before it in the record (length, kind, payload) as `u32` little-endian.
public enum JournalFormat {
    /// The version of the format this build writes and reads.
    public static let version: UInt16 = 1
    /// The magic at byte 0 of every journal file: `ORRJ`.
    public static let magic: [UInt8] = Array("ORRJ".utf8)
    /// Bytes before the first record.
    public static let prefixBytes = 8
    /// The largest record body (kind byte plus payload) a reader accepts: 256 MiB, room for a snapshot of some
    /// million entities while a damaged length cannot make a reader allocate more.
    public static let maximumRecordBytes = 256 << 20
    /// The file name extension of a journal segment.
    public static let fileExtension = "orj"

    /// The 8-byte prefix of a journal file of this version.
    public static var prefix: [UInt8] {
        magic + [UInt8(truncatingIfNeeded: version), UInt8(truncatingIfNeeded: version >> 8), 0, 0]
    }

    /// Appends one framed record to `bytes`.
    public static func append(_ record: JournalRecord, to bytes: inout [UInt8]) {
        var scratch = JournalEncoder()
        append(record, to: &bytes, scratch: &scratch)
    }

    /// Appends one framed record, encoding its payload in `payload` (reused so that appending allocates nothing
    /// once the buffers have grown).
    static func append(_ record: JournalRecord, to bytes: inout [UInt8], scratch payload: inout JournalEncoder) {
        payload.removeAll()
        payload.encode(record)
        let start = bytes.count
        JournalEncoder.appendVarint(UInt64(payload.bytes.count + 1), to: &bytes)
        bytes.append(record.kind.rawValue)
        bytes.append(contentsOf: payload.bytes)
        let crc = CRC32C.checksum(bytes[start...])
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
    }

    /// A whole journal file holding `records` (the first should be a header).
    public static func file(_ records: [JournalRecord]) -> [UInt8] {
        var bytes = prefix
        for record in records { append(record, to: &bytes) }
        return bytes
    }
}
