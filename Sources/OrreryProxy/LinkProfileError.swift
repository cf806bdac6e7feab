/// A link profile that cannot be built.
public enum LinkProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Delay or jitter below zero.
    case negativeDuration(name: String, value: Duration)
    /// A bandwidth outside `LinkProfile.bandwidthRange`.
    case bandwidthOutOfRange(bytesPerSecond: Int)
    /// A burst below one byte.
    case burstTooSmall(bytes: Int)
    /// A loss rate outside `LinkProfile.lossRange`.
    case lossOutOfRange(Double)

    public var description: String {
        switch self {
        case .negativeDuration(let name, let value):
            "\(name) must not be negative (got \(value))"
        case .bandwidthOutOfRange(let rate):
            "bandwidth must be \(LinkProfile.bandwidthRange.lowerBound) to \(LinkProfile.bandwidthRange.upperBound) bytes per second (got \(rate))"
        case .burstTooSmall(let bytes):
            "burst must be at least 1 byte (got \(bytes))"
        case .lossOutOfRange(let rate):
            "loss must be a fraction from \(LinkProfile.lossRange.lowerBound) to \(LinkProfile.lossRange.upperBound) (got \(rate))"
        }
    }
}
