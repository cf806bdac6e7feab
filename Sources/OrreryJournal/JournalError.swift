import OrreryPosix

/// Why a journal could not be read or written. Offsets count bytes from the start of the file; records are
/// numbered from 0 (the header) in the file.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file does not start with the journal magic `ORRJ` (another kind of file).
    case notAJournal(path: String?)
    /// A journal of a format version this build cannot read.
    case unsupportedVersion(UInt16)
    /// The file ends inside record `record` that starts at `offset` (`missing` more bytes were needed).
    case truncated(offset: Int, record: Int, missing: Int)
    /// Record `record` at `offset` does not match its CRC-32C (its bytes were damaged).
    case checksumMismatch(offset: Int, record: Int, stored: UInt32, computed: UInt32)
    /// Record `record` at `offset` declares a length over `JournalFormat.maximumRecordBytes`, or zero.
    case invalidLength(offset: Int, record: Int, length: Int)
    /// Record `record` at `offset` has a kind byte this format does not define.
    case unknownKind(offset: Int, record: Int, kind: UInt8)
    /// Record `record` at `offset`, of kind `kind`, passes its checksum but its content is invalid.
    case malformed(offset: Int, record: Int, kind: JournalRecordKind, reason: String)
    /// Record `record` at `offset` is out of place (e.g. the first record is not a header, or a second header).
    case outOfPlace(offset: Int, record: Int, kind: JournalRecordKind, reason: String)
    /// A file operation failed.
    case io(path: String, PosixError)
    /// Replaying record `record` gave a different result than the one recorded (e.g. another player id).
    case replayMismatch(record: Int, reason: String)
    /// No rules are known for the journal's game (replay and verify must build them).
    case unknownGame(String)

    public var description: String {
        switch self {
        case .notAJournal(let path):
            "\(path.map { "\($0): " } ?? "")not an Orrery journal (no ORRJ magic at byte 0)"
        case .unsupportedVersion(let version):
            "journal format version \(version) is not supported (this build reads version \(JournalFormat.version))"
        case .truncated(let offset, let record, let missing):
            "journal truncated in record \(record) at byte \(offset): \(missing) more bytes needed"
        case .checksumMismatch(let offset, let record, let stored, let computed):
            "record \(record) at byte \(offset) is corrupted: CRC-32C stored \(hex(stored)), computed \(hex(computed))"
        case .invalidLength(let offset, let record, let length):
            "record \(record) at byte \(offset) has an invalid length \(length)"
        case .unknownKind(let offset, let record, let kind):
            "record \(record) at byte \(offset) has unknown kind \(hex(UInt32(kind)))"
        case .malformed(let offset, let record, let kind, let reason):
            "\(kind) record \(record) at byte \(offset) is malformed: \(reason)"
        case .outOfPlace(let offset, let record, let kind, let reason):
            "\(kind) record \(record) at byte \(offset) is out of place: \(reason)"
        case .io(let path, let error):
            "\(path): \(error)"
        case .replayMismatch(let record, let reason):
            "replaying record \(record) diverged: \(reason)"
        case .unknownGame(let game):
            "no rules known for game '\(game)'"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
}
