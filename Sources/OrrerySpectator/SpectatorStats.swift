import OrreryWire

/// Connection statistics for the status line. Times are a monotonic clock in nanoseconds; pings carry
/// that clock in microseconds as their timestamp (the protocol's convention), so a pong gives the RTT.
public struct SpectatorStats: Hashable, Sendable {
    /// Bytes received over the last second.
    public private(set) var traffic = TrafficMeter()
    /// The latest round-trip time in microseconds, nil before the first pong.
    public private(set) var roundTripMicroseconds: Int64?
    /// When the latest event frame or reset arrived, nil before the first.
    public private(set) var lastFrameNanoseconds: Int64?
    /// Event frames and resets received.
    public private(set) var frames = 0

    public init() {}

    /// Records a message of `byteCount` bytes received at `nanoseconds`.
    public mutating func recordMessage(byteCount: Int, at nanoseconds: Int64) {
        traffic.record(byteCount, at: nanoseconds)
    }

    /// Records that an event frame or reset was applied at `nanoseconds`.
    public mutating func recordFrame(at nanoseconds: Int64) {
        frames += 1
        lastFrameNanoseconds = nanoseconds
    }

    /// Records a pong received at `nanoseconds`: RTT = now in microseconds − the ping's timestamp (at least 0).
    public mutating func recordPong(_ pong: Pong, at nanoseconds: Int64) {
        let now = UInt64(max(0, nanoseconds / 1000))
        roundTripMicroseconds = now >= pong.clientTimestamp ? Int64(now - pong.clientTimestamp) : 0
    }

    /// Nanoseconds since the last frame, nil before the first.
    public func frameAge(at nanoseconds: Int64) -> Int64? {
        lastFrameNanoseconds.map { nanoseconds - $0 }
    }
}
