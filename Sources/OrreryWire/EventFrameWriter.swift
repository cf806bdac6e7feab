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

    /// Where in the buffer the events start (right after the header).
    public var bodyStart: Int { countOffset + 2 }

    /// Appends `count` events already encoded by a writer of the same dialect (e.g. the body of another
    /// session's frame of the same tick) and sets the count.
    public mutating func appendEncoded(_ events: ArraySlice<UInt8>, count: Int, to buffer: inout [UInt8]) {
        precondition(eventCount == 0 && count <= WireProtocol.maxEventsPerFrame, "a frame's events are appended once")
        buffer.append(contentsOf: events)
        eventCount = count
        buffer[countOffset] = UInt8(truncatingIfNeeded: count)
        buffer[countOffset + 1] = UInt8(truncatingIfNeeded: count >> 8)
    }

    /// Appends one event and updates the count. On error the buffer is unchanged.
    public mutating func append(_ event: WireEvent, to buffer: inout [UInt8]) throws(WireEncodingError) {
        guard eventCount < WireProtocol.maxEventsPerFrame else {
            throw .tooManyRecords(limit: WireProtocol.maxEventsPerFrame)
        }
        guard dialect.version >= event.tag.sinceVersion else {
            throw .notInVersion(event.tag.name, version: dialect.version)
        }
        let start = buffer.count
        buffer.append(event.tag.rawValue)
        do throws(WireEncodingError) {
            try put(event, &buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        eventCount += 1
        buffer[countOffset] = UInt8(truncatingIfNeeded: eventCount)
        buffer[countOffset + 1] = UInt8(truncatingIfNeeded: eventCount >> 8)
    }

    private func put(_ event: WireEvent, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        switch event {
        case .appeared(let record): try WireEncoder.putRecord(record, dialect, &buffer)
        case .changed(let motion): try WireEncoder.putMotion(motion, &buffer)
        case .disappeared(let id):
            guard id != 0 else { throw .valueOutOfRange(field: "entity.id") }
            WireEncoder.putVarint(UInt64(id), &buffer)
        case .destroyed(let id, let reason):
            guard id != 0 else { throw .valueOutOfRange(field: "entity.id") }
            WireEncoder.putVarint(UInt64(id), &buffer)
            buffer.append(reason.rawValue)
        case .avatar(let id):
            WireEncoder.putVarint(UInt64(id), &buffer)
        case .properties(let id, let values):
            guard id != 0 else { throw .valueOutOfRange(field: "entity.id") }
            WireEncoder.putVarint(UInt64(id), &buffer)
            try WireEncoder.putProperties(values, dialect.properties(.entity), isEvent: true, field: "properties",
                                          &buffer)
        case .playerState(let values):
            try WireEncoder.putProperties(values, dialect.properties(.player), isEvent: true, field: "player-state",
                                          &buffer)
        case .universeState(let values):
            try WireEncoder.putProperties(values, dialect.properties(.universe), isEvent: true,
                                          field: "universe-state", &buffer)
        case .message(let message): try WireEncoder.putGameMessage(message, dialect.messages, &buffer)
        }
    }
}
