import OrreryWire
import OrreryWorld

/// What a journal keeps of one session so that a universe restored after a crash takes its players back: who it
/// is, the resume token its latest welcome carried, its protocol version and how far its numbering had gone.
///
/// The journal holds every session in each snapshot, and a change record whenever a session opens, gets a new
/// token (each resume) or ends, so tokens issued after the last snapshot survive too. The frames themselves are
/// not kept: a restored session answers its first resume with a reset.
public struct SessionRecord: Sendable, Hashable {
    /// A change of the host's sessions, as recorded between snapshots.
    public enum Change: Sendable, Hashable {
        /// A session opened, or its token changed (a resume): its whole record.
        case opened(SessionRecord)
        /// The session of this observer id ended.
        case closed(UInt32)
    }

    /// The universe's observer id (player or spectator id).
    public var observerID: UInt32
    /// Whether the session watches as a spectator.
    public var isSpectator: Bool
    /// The ticket's player id (nil in open mode).
    public var identity: UInt32?
    /// The token of the latest welcome: the one the client will present.
    public var token: ResumeToken
    /// The protocol version the session speaks (1 or 2).
    public var version: UInt8
    /// The seq the session's next frame would have taken when recorded (a lower bound after a crash: frames
    /// sent since are not journaled, so a restored session continues after the client's own last seq).
    public var nextSeq: UInt64

    /// A record of `session` as it is now.
    public init(_ session: Session) {
        observerID = session.observerID
        isSpectator = session.isSpectator
        identity = session.identity
        token = session.token
        version = session.framer.dialect.version
        nextSeq = session.framer.nextSeq
    }

    /// The layout version of the encoded records and lists.
    static let layoutVersion: UInt8 = 1

    /// The bytes of a session list (a snapshot's sessions): layout version, count, then each record.
    public static func encode(_ records: [SessionRecord]) -> [UInt8] {
        var writer = StateWriter(capacity: 8 + records.count * 40)
        writer.write(layoutVersion)
        writer.write(UInt32(records.count))
        for record in records { record.write(into: &writer) }
        return writer.bytes
    }

    /// Reads a session list written by `encode(_:)` (empty bytes: no sessions).
    public static func decodeList(_ bytes: [UInt8]) throws(StateError) -> [SessionRecord] {
        guard !bytes.isEmpty else { return [] }
        var reader = StateReader(bytes)
        try readLayout(&reader)
        let count = try reader.read(UInt32.self)
        guard Int(count) <= reader.remaining / 30 else {
            throw .invalid("\(count) sessions in \(reader.remaining) bytes", offset: reader.offset)
        }
        var records: [SessionRecord] = []
        for _ in 0..<count { records.append(try SessionRecord(from: &reader)) }
        try reader.finish()
        return records
    }

    /// The bytes of one change record.
    public static func encode(_ change: Change) -> [UInt8] {
        var writer = StateWriter(capacity: 48)
        writer.write(layoutVersion)
        switch change {
        case .opened(let record):
            writer.write(UInt8(1))
            record.write(into: &writer)
        case .closed(let observer):
            writer.write(UInt8(2))
            writer.write(observer)
        }
        return writer.bytes
    }

    /// Reads a change written by `encode(_:)`.
    public static func decodeChange(_ bytes: [UInt8]) throws(StateError) -> Change {
        var reader = StateReader(bytes)
        try readLayout(&reader)
        let tag = try reader.read(UInt8.self)
        let change: Change
        switch tag {
        case 1: change = .opened(try SessionRecord(from: &reader))
        case 2: change = .closed(try reader.read(UInt32.self))
        default: throw .invalid("session change tag \(tag)", offset: reader.offset - 1)
        }
        try reader.finish()
        return change
    }

    private static func readLayout(_ reader: inout StateReader) throws(StateError) {
        let version = try reader.read(UInt8.self)
        guard version == layoutVersion else {
            throw .invalid("session layout version \(version), expected \(layoutVersion)", offset: reader.offset - 1)
        }
    }

    private func write(into writer: inout StateWriter) {
        writer.write(observerID)
        writer.write(isSpectator)
        writer.write(identity)
        writer.write(token.low)
        writer.write(token.high)
        writer.write(version)
        writer.write(nextSeq)
    }

    private init(from reader: inout StateReader) throws(StateError) {
        observerID = try reader.read(UInt32.self)
        isSpectator = try reader.read(Bool.self)
        identity = try reader.read(UInt32?.self)
        token = ResumeToken(low: try reader.read(UInt64.self), high: try reader.read(UInt64.self))
        let start = reader.offset
        version = try reader.read(UInt8.self)
        guard WireProtocol.supportedVersions.contains(version) else {
            throw .invalid("session protocol version \(version)", offset: start)
        }
        nextSeq = try reader.read(UInt64.self)
    }
}
