/// Writes a reset frame straight into a buffer: header first, then entity records one by one.
/// The u32 entity count is patched in place on every append, so the frame is complete after any append.
public struct ResetWriter: Sendable {
    /// Index in the buffer of the count field.
    private let countOffset: Int
    /// Records written so far.
    public private(set) var entityCount = 0

    /// Appends the reset header (with entity count 0) to `buffer`.
    public init(seq: UInt64, tick: UInt64, lastInputSeq: UInt32, avatarId: UInt32, into buffer: inout [UInt8]) {
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
            try WireEncoder.putRecord(record, &buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        entityCount += 1
        for byte in 0..<4 {
            buffer[countOffset + byte] = UInt8(truncatingIfNeeded: entityCount >> (8 * byte))
        }
    }
}
