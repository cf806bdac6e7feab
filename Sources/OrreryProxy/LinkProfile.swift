/// How one direction of a proxied connection is shaped: a fixed delay, a jitter around it, an optional
/// bandwidth cap (a token bucket) and an optional segment loss that stalls the stream as TCP does.
public struct LinkProfile: Equatable, Sendable {
    /// Bandwidths a profile accepts, in bytes per second (1 kbit/s to 8 Tbit/s).
    public static let bandwidthRange = 125...1_000_000_000_000

    /// Loss rates a profile accepts: the fraction of TCP segments lost, up to one in two.
    public static let lossRange = 0.0...0.5
    /// The bytes of one TCP segment (Ethernet MSS): a chunk of n bytes is ⌈n / 1460⌉ segments, each of which may
    /// be lost.
    public static let segmentBytes = 1460
    /// The smallest retransmission timeout, as Linux's TCP (`TCP_RTO_MIN`, 200 ms).
    public static let minimumRetransmissionTimeout: Int64 = 200_000_000

    /// A link that passes bytes on at once.
    public static let unshaped = LinkProfile(validDelay: 0, jitter: 0, bytesPerSecond: nil, burstBytes: 0,
                                             lossRate: 0, retransmissionTimeout: minimumRetransmissionTimeout)

    /// The base one-way delay, in nanoseconds.
    public let delayNanoseconds: Int64
    /// Each chunk's delay is moved by a uniform draw in ±jitter, in nanoseconds.
    public let jitterNanoseconds: Int64
    /// The bandwidth cap, or `nil` for unlimited.
    public let bytesPerSecond: Int?
    /// The token bucket's depth: the most bytes that may leave at one instant (0 when unlimited).
    public let burstBytes: Int
    /// The fraction of TCP segments lost (0 for none); see `LinkShaper` for what a loss does to the stream.
    public let lossRate: Double
    /// How long a lost segment waits before its retransmission, in nanoseconds (doubling for each loss of
    /// the same segment in a row).
    public let retransmissionTimeoutNanoseconds: Int64

    /// A profile. The effective delay of a chunk is `delay + U(−jitter, +jitter)`, never below zero.
    /// `burstBytes` defaults to 20 ms worth of bandwidth, at least 1460 bytes (one full TCP segment).
    /// `loss` is the fraction of segments lost (in `lossRange`, e.g. 0.02 for 2 %); `retransmissionTimeout`
    /// defaults to max(200 ms, 2 × delay): TCP's timer is at least 200 ms and above the round trip, which is
    /// twice the one-way delay when both directions are shaped alike.
    public init(delay: Duration = .zero, jitter: Duration = .zero,
                bytesPerSecond: Int? = nil, burstBytes: Int? = nil,
                loss: Double = 0, retransmissionTimeout: Duration? = nil) throws(LinkProfileError) {
        guard delay >= .zero else { throw .negativeDuration(name: "delay", value: delay) }
        guard jitter >= .zero else { throw .negativeDuration(name: "jitter", value: jitter) }
        guard Self.lossRange.contains(loss) else { throw .lossOutOfRange(loss) }
        if let timeout = retransmissionTimeout, timeout < .zero {
            throw .negativeDuration(name: "retransmission timeout", value: timeout)
        }
        var burst = 0
        if let rate = bytesPerSecond {
            guard Self.bandwidthRange.contains(rate) else { throw .bandwidthOutOfRange(bytesPerSecond: rate) }
            burst = burstBytes ?? max(1460, rate / 50)
            guard burst >= 1 else { throw .burstTooSmall(bytes: burst) }
        }
        let timeout = retransmissionTimeout.map(Self.nanoseconds)
            ?? max(Self.minimumRetransmissionTimeout, 2 * Self.nanoseconds(delay))
        self.init(validDelay: Self.nanoseconds(delay), jitter: Self.nanoseconds(jitter),
                  bytesPerSecond: bytesPerSecond, burstBytes: burst, lossRate: loss, retransmissionTimeout: timeout)
    }

    private init(validDelay: Int64, jitter: Int64, bytesPerSecond: Int?, burstBytes: Int, lossRate: Double,
                 retransmissionTimeout: Int64) {
        delayNanoseconds = validDelay
        jitterNanoseconds = jitter
        self.bytesPerSecond = bytesPerSecond
        self.burstBytes = burstBytes
        self.lossRate = lossRate
        retransmissionTimeoutNanoseconds = retransmissionTimeout
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
