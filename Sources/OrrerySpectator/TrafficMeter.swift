/// Bytes received over a sliding window (one second by default), from timestamped samples.
public struct TrafficMeter: Hashable, Sendable {
    private struct Sample: Hashable, Sendable {
        var nanoseconds: Int64
        var bytes: Int
    }

    /// The window length in nanoseconds.
    public let windowNanoseconds: Int64
    private var samples: [Sample] = []
    private var start = 0
    /// Every byte ever recorded.
    public private(set) var totalBytes = 0

    public init(windowNanoseconds: Int64 = 1_000_000_000) {
        self.windowNanoseconds = windowNanoseconds
    }

    /// Records `bytes` received at `nanoseconds` (a monotonic clock; calls in time order).
    public mutating func record(_ bytes: Int, at nanoseconds: Int64) {
        totalBytes += bytes
        samples.append(Sample(nanoseconds: nanoseconds, bytes: bytes))
        while start < samples.count, samples[start].nanoseconds <= nanoseconds - windowNanoseconds { start += 1 }
        if start > 64, start * 2 > samples.count {
            samples.removeFirst(start)
            start = 0
        }
    }

    /// Bytes received in the window ending at `nanoseconds`, i.e. after `nanoseconds - window`.
    public func bytesInWindow(endingAt nanoseconds: Int64) -> Int {
        var sum = 0
        for sample in samples[start...] where sample.nanoseconds > nanoseconds - windowNanoseconds {
            sum += sample.bytes
        }
        return sum
    }

    /// The rate over the window ending at `nanoseconds`, in bytes per second.
    public func bytesPerSecond(at nanoseconds: Int64) -> Int {
        Int(Int64(bytesInWindow(endingAt: nanoseconds)) * 1_000_000_000 / windowNanoseconds)
    }
}
