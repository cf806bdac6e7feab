/// A whole journal file, read by `JournalReader.readAll`.
public struct JournalContents: Sendable {
    /// The segment's header (also `records[0]`).
    public var header: JournalHeader
    /// Every intact record in file order, the header first.
    public var records: [JournalRecord]
    /// The byte offset of each record (`offsets[i]` is where `records[i]` starts).
    public var offsets: [Int]
    /// The file's size in bytes.
    public var size: Int
    /// Bytes at the end of the file dropped as a torn tail (0 for an intact file).
    public var droppedBytes: Int
}
