/// Part of a chunk that may leave the shaper: `byteCount` bytes at `time`.
public struct Departure: Equatable, Sendable, CustomStringConvertible {
    /// When the bytes may leave, in nanoseconds on the same clock as the arrivals.
    public let time: Int64
    /// How many bytes leave at `time` (always at least 1).
    public let byteCount: Int

    /// A departure of `byteCount` bytes at `time`.
    public init(time: Int64, byteCount: Int) {
        self.time = time
        self.byteCount = byteCount
    }

    public var description: String { "\(byteCount)B@\(time)ns" }
}
