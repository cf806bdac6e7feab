/// Writes an event frame straight into a buffer: header first, then events one by one.
/// The u16 event count is patched in place on every append, so the frame is complete after any append.
public struct EventFrameWriter: Sendable {
    /// Index in the buffer of the count field.
    private let countOffset: Int
    /// The session's version and schema (property values and message codes are checked against it).
    private let dialect: WireDialect
    /// Events written so far.
    public private(set) var eventCount = 0

    /// Appends the frame header (with event count 0) to `buffer`; events follow the layouts of `dialect`.
    public init(seq: UInt64, tick: UInt64, lastInputSeq: UInt32, dialect: WireDialect = .v1,
                into buffer: inout [UInt8]) {
        self.dialect = dialect
        buffer.append(MessageType.eventFrame.rawValue)
        WireEncoder.putVarint(seq, &buffer)
        WireEncoder.putVarint(tick, &buffer)
        WireEncoder.putVarint(UInt64(lastInputSeq), &buffer)
        countOffset = buffer.count
        WireEncoder.putU16(0, &buffer)
    }

    /// Appends one event and updates the count. On error the buffer is unchanged.
    /// Inlinable so that a caller building the event in place pays for no enum copy: the case is known where
    /// it is built, and only that case's writer runs.
    @inlinable
    public mutating func append(_ event: WireEvent, to buffer: inout [UInt8]) throws(WireEncodingError) {
        switch event {
        case .appeared(let record): try appendRecord(record, to: &buffer)
        case .changed(let motion): try appendMotion(motion, to: &buffer)
        case .disappeared(let id): try appendID(.disappeared, id, to: &buffer)
        case .destroyed(let id, let reason): try appendDestroyed(id, reason, to: &buffer)
        case .avatar(let id): try appendID(.avatar, id, to: &buffer)
        case .properties(let id, let values): try appendList(.properties, id: id, values, to: &buffer)
        case .playerState(let values): try appendList(.playerState, id: 0, values, to: &buffer)
        case .universeState(let values): try appendList(.universeState, id: 0, values, to: &buffer)
        case .message(let message): try appendMessage(message, to: &buffer)
        }
    }

    @usableFromInline
    mutating func appendRecord(_ record: EntityRecord, to buffer: inout [UInt8]) throws(WireEncodingError) {
        let dialect = dialect
        try write(.appeared, &buffer) { (buffer) throws(WireEncodingError) in
            try WireEncoder.putRecord(record, dialect, &buffer)
        }
    }

    @usableFromInline
    mutating func appendMotion(_ motion: EntityMotion, to buffer: inout [UInt8]) throws(WireEncodingError) {
        try write(.changed, &buffer) { (buffer) throws(WireEncodingError) in try WireEncoder.putMotion(motion, &buffer) }
    }

    /// Disappeared (id never 0) or avatar (any id).
    @usableFromInline
    mutating func appendID(_ tag: EventTag, _ id: UInt32, to buffer: inout [UInt8]) throws(WireEncodingError) {
        guard tag == .avatar || id != 0 else { throw .valueOutOfRange(field: "entity.id") }
        try write(tag, &buffer) { buffer in WireEncoder.putVarint(UInt64(id), &buffer) }
    }

    @usableFromInline
    mutating func appendDestroyed(_ id: UInt32, _ reason: DestroyReason,
                                  to buffer: inout [UInt8]) throws(WireEncodingError) {
        guard id != 0 else { throw .valueOutOfRange(field: "entity.id") }
        try write(.destroyed, &buffer) { buffer in
            WireEncoder.putVarint(UInt64(id), &buffer)
            buffer.append(reason.rawValue)
        }
    }

    /// Properties (of entity `id`, never 0), player state or universe state.
    @usableFromInline
    mutating func appendList(_ tag: EventTag, id: UInt32, _ values: [WireProperty],
                             to buffer: inout [UInt8]) throws(WireEncodingError) {
        let scope: WirePropertyScope = tag == .properties ? .entity : tag == .playerState ? .player : .universe
        guard scope != .entity || id != 0 else { throw .valueOutOfRange(field: "entity.id") }
        let dialect = dialect
        try write(tag, &buffer) { (buffer) throws(WireEncodingError) in
            if scope == .entity { WireEncoder.putVarint(UInt64(id), &buffer) }
            try WireEncoder.putProperties(values, dialect.properties(scope), isEvent: true, field: tag.name, &buffer)
        }
    }

    @usableFromInline
    mutating func appendMessage(_ message: WireGameMessage, to buffer: inout [UInt8]) throws(WireEncodingError) {
        let messages = dialect.messages
        try write(.message, &buffer) { (buffer) throws(WireEncodingError) in
            try WireEncoder.putGameMessage(message, messages, &buffer)
        }
    }

    /// The tag, then `body`'s fields; the count updated. On error the buffer is unchanged.
    private mutating func write(_ tag: EventTag, _ buffer: inout [UInt8],
                                _ body: (inout [UInt8]) throws(WireEncodingError) -> Void) throws(WireEncodingError) {
        guard eventCount < WireProtocol.maxEventsPerFrame else {
            throw .tooManyRecords(limit: WireProtocol.maxEventsPerFrame)
        }
        guard dialect.version >= tag.sinceVersion else { throw .notInVersion(tag.name, version: dialect.version) }
        let start = buffer.count
        buffer.append(tag.rawValue)
        do throws(WireEncodingError) {
            try body(&buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        eventCount += 1
        buffer[countOffset] = UInt8(truncatingIfNeeded: eventCount)
        buffer[countOffset + 1] = UInt8(truncatingIfNeeded: eventCount >> 8)
    }
}
