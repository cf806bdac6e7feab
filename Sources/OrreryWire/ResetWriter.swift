/// Writes a reset frame straight into a buffer: header first, then entity records one by one, then (version 2)
/// `finish` appends the private and universe state. A version-1 reset is complete after any append (the u32 entity
/// count is patched in place every time); a version-2 reset after `finish`.
public struct ResetWriter: Sendable {
    /// Index in the buffer of the count field.
    private let countOffset: Int
    /// The session's version and schema.
    private let dialect: WireDialect
    /// Records written so far.
    public private(set) var entityCount = 0

    /// Appends the reset header (with entity count 0) to `buffer`; records follow the layout of `dialect`.
    public init(seq: UInt64, tick: UInt64, lastInputSeq: UInt32, avatarId: UInt32, dialect: WireDialect = .v1,
                into buffer: inout [UInt8]) {
        self.dialect = dialect
        buffer.append(MessageType.reset.rawValue)
        WireEncoder.putVarint(seq, &buffer)
        WireEncoder.putVarint(tick, &buffer)
        WireEncoder.putVarint(UInt64(lastInputSeq), &buffer)
        WireEncoder.putVarint(UInt64(avatarId), &buffer)
        countOffset = buffer.count
        WireEncoder.putU32(0, &buffer)
    }

    /// Appends one entity record and updates the count. On error the buffer is unchanged.
    public mutating func append(_ record: EntityRecord, to buffer: inout [UInt8]) throws(WireEncodingError) {
        guard entityCount < WireProtocol.maxResetEntities else {
            throw .tooManyRecords(limit: WireProtocol.maxResetEntities)
        }
        let start = buffer.count
        do throws(WireEncodingError) {
            try WireEncoder.putRecord(record, dialect, &buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        entityCount += 1
        for byte in 0..<4 {
            buffer[countOffset + byte] = UInt8(truncatingIfNeeded: entityCount >> (8 * byte))
        }
    }

    /// Ends the reset: version 2 appends the private state and the universe state (every non-default value by
    /// ascending index); version 1 has neither (both must be empty). On error the buffer is unchanged.
    public func finish(playerState: [WireProperty], universeState: [WireProperty],
                       to buffer: inout [UInt8]) throws(WireEncodingError) {
        guard dialect.isV2 else {
            guard playerState.isEmpty, universeState.isEmpty else {
                throw .notInVersion("reset state", version: dialect.version)
            }
            return
        }
        let start = buffer.count
        do throws(WireEncodingError) {
            try WireEncoder.putProperties(playerState, dialect.properties(.player), isEvent: false,
                                          field: "reset.playerState", &buffer)
            try WireEncoder.putProperties(universeState, dialect.properties(.universe), isEvent: false,
                                          field: "reset.universeState", &buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
    }
}
