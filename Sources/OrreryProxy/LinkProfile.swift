/// How one direction of a proxied connection is shaped: a fixed delay, a jitter around it and an optional
/// bandwidth cap (a token bucket).
public struct LinkProfile: Equatable, Sendable {
    /// Bandwidths a profile accepts, in bytes per second (1 kbit/s to 8 Tbit/s).
    public static let bandwidthRange = 125...1_000_000_000_000

    /// A link that passes bytes on at once.
    public static let unshaped = LinkProfile(validDelay: 0, jitter: 0, bytesPerSecond: nil, burstBytes: 0)

    /// The base one-way delay, in nanoseconds.
    public let delayNanoseconds: Int64
    /// Each chunk's delay is moved by a uniform draw in ±jitter, in nanoseconds.
    public let jitterNanoseconds: Int64
    /// The bandwidth cap, or `nil` for unlimited.
    public let bytesPerSecond: Int?
    /// The token bucket's depth: the most bytes that may leave at one instant (0 when unlimited).
    public let burstBytes: Int

    /// A profile. The effective delay of a chunk is `delay + U(−jitter, +jitter)`, never below zero.
    /// `burstBytes` defaults to 20 ms worth of bandwidth, at least 1460 bytes (one full TCP segment).
    public init(delay: Duration = .zero, jitter: Duration = .zero,
                bytesPerSecond: Int? = nil, burstBytes: Int? = nil) throws(LinkProfileError) {
        guard delay >= .zero else { throw .negativeDuration(name: "delay", value: delay) }
        guard jitter >= .zero else { throw .negativeDuration(name: "jitter", value: jitter) }
        var burst = 0
        if let rate = bytesPerSecond {
            guard Self.bandwidthRange.contains(rate) else { throw .bandwidthOutOfRange(bytesPerSecond: rate) }
            burst = burstBytes ?? max(1460, rate / 50)
            guard burst >= 1 else { throw .burstTooSmall(bytes: burst) }
        }
        self.init(validDelay: Self.nanoseconds(delay), jitter: Self.nanoseconds(jitter),
                  bytesPerSecond: bytesPerSecond, burstBytes: burst)
    }

    private init(validDelay: Int64, jitter: Int64, bytesPerSecond: Int?, burstBytes: Int) {
        delayNanoseconds = validDelay
        jitterNanoseconds = jitter
        self.bytesPerSecond = bytesPerSecond
        self.burstBytes = burstBytes
    }

    /// The largest piece a throttled chunk is released in after waiting for tokens: 10 ms worth of
    /// bandwidth (at most the burst), so a saturated direction wakes about 100 times a second.
    public var throttledPieceBytes: Int {
        guard let rate = bytesPerSecond else { return .max }
        return max(1, min(burstBytes, rate / 100))
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
