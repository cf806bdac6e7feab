import OrreryDigest

/// The pure, clock-free schedule of one direction of a connection: given chunks of bytes arriving at
/// times t (nanoseconds, non-decreasing), it says when each byte may leave.
///
/// - Delay and jitter: a chunk is ready at `t + delay + U(−jitter, +jitter)` (one draw per chunk from the
///   seeded generator, never earlier than `t`). A chunk never leaves before the previous one, so the byte
///   stream keeps its order: with unlimited bandwidth every chunk leaves within
///   `[t + max(0, delay − jitter), t + delay + jitter]`.
/// - Bandwidth: a token bucket of `bytesPerSecond` holding at most `burstBytes` (full at the start), so
///   the bytes leaving in any interval of length d never exceed `burst + rate × d`. A chunk with too few
///   tokens is split: what the bucket holds leaves at once, the rest in pieces of at most
///   `throttledPieceBytes`, each as soon as the bucket holds it.
/// - Loss, as TCP sees it: a chunk is ⌈n / 1460⌉ segments and each is lost with probability `lossRate`. A lost
///   segment is sent again after the retransmission timeout (RTO), and after twice as long again each time
///   the retransmission is lost too, so its chunk is ready that much later. The stream keeps its order, so
///   every later chunk waits behind it, and when the retransmission arrives the held bytes leave together in
///   one burst, as a receiving TCP hands them to the application. This is the worst case of a thin stream
///   (one game frame per tick keeps too few segments in flight for a fast retransmit). Loss is drawn from a
///   second generator derived from the seed, so adding loss leaves the jitter draws unchanged.
///
/// The same profile, seed and arrivals always give the same departures.
public struct LinkShaper: Sendable {
    /// Token amounts are kept in byte-nanoseconds per second: one byte is `scale` units, and the bucket
    /// gains `bytesPerSecond` units per nanosecond, so every step is exact integer arithmetic.
    private static let scale: Int64 = 1_000_000_000

    /// The profile being applied.
    public let profile: LinkProfile
    private var generator: SplitMix64
    private var lossGenerator: SplitMix64
    /// A draw below this loses a segment: `lossRate × 2^64`.
    private let lossThreshold: UInt64
    private var lastArrival = Int64.min
    private var lastDeparture = Int64.min
    private var tokens: Int64
    private var tokensTime = Int64.min
    /// Segments lost so far, retransmissions lost again included.
    public private(set) var lostSegments: UInt64 = 0

    /// A shaper applying `profile`, drawing its jitter and its losses from `seed`.
    public init(profile: LinkProfile, seed: UInt64) {
        self.profile = profile
        generator = SplitMix64(seed: seed)
        lossGenerator = SplitMix64(seed: SplitMix64.mix(seed ^ 0x4C05_5E6D_0000_0000))
        lossThreshold = UInt64(profile.lossRate * 0x1p64)  // lossRate ≤ 0.5, so this fits
        tokens = Int64(profile.burstBytes) * Self.scale
    }

    /// The departures of `byteCount` (> 0) bytes arriving at `arrival`, in order.
    public mutating func schedule(_ byteCount: Int, arrivingAt arrival: Int64) -> [Departure] {
        var departures: [Departure] = []
        schedule(byteCount, arrivingAt: arrival, into: &departures)
        return departures
    }

    /// Appends the departures of `byteCount` (> 0) bytes arriving at `arrival` to `departures`: one
    /// departure, or several when the bandwidth cap splits the chunk. An arrival earlier than the previous
    /// one is treated as simultaneous with it.
    public mutating func schedule(_ byteCount: Int, arrivingAt arrival: Int64, into departures: inout [Departure]) {
        precondition(byteCount > 0, "a chunk has at least one byte")
        let arrival = max(arrival, lastArrival)
        lastArrival = arrival
        var offset: Int64 = 0
        let jitter = profile.jitterNanoseconds
        if jitter > 0 { offset = Int64(generator.next(upTo: UInt64(2 * jitter))) - jitter }
        let ready = max(arrival, arrival + profile.delayNanoseconds + offset) + retransmissionWait(byteCount)
        var time = max(ready, lastDeparture)
        guard let rate = profile.bytesPerSecond.map(Int64.init) else {
            departures.append(Departure(time: time, byteCount: byteCount))
            lastDeparture = time
            return
        }
        refill(at: time, rate: rate)
        var remaining = byteCount
        while true {
            let available = Int(tokens / Self.scale)
            if available > 0 {
                let piece = min(remaining, available)
                departures.append(Departure(time: time, byteCount: piece))
                tokens -= Int64(piece) * Self.scale
                remaining -= piece
                if remaining == 0 { break }
            }
            let wanted = Int64(min(remaining, profile.throttledPieceBytes)) * Self.scale
            time += (wanted - tokens + rate - 1) / rate
            refill(at: time, rate: rate)
        }
        lastDeparture = time
    }

    /// How much later than its delay a chunk of `byteCount` bytes is ready because segments of it were lost:
    /// 0 when none was, else the longest wait of a lost segment, RTO × (2^k − 1) after k losses in a row
    /// (k at most 8, where TCP would have long given up).
    private mutating func retransmissionWait(_ byteCount: Int) -> Int64 {
        guard lossThreshold > 0 else { return 0 }
        var longest = 0
        for _ in 0..<(byteCount + LinkProfile.segmentBytes - 1) / LinkProfile.segmentBytes {
            var losses = 0
            while losses < 8, lossGenerator.next() < lossThreshold { losses += 1 }
            lostSegments += UInt64(losses)
            longest = max(longest, losses)
        }
        return profile.retransmissionTimeoutNanoseconds * ((1 << longest) - 1)
    }

    /// Adds the tokens earned between the last refill and `time`, up to the burst.
    private mutating func refill(at time: Int64, rate: Int64) {
        defer { tokensTime = time }
        let capacity = Int64(profile.burstBytes) * Self.scale
        let missing = capacity - tokens
        guard missing > 0, tokensTime != .min, time > tokensTime else { return }
        let elapsed = time - tokensTime
        tokens = elapsed >= missing / rate + 1 ? capacity : tokens + elapsed * rate
    }
}
