/// A local estimate of the server's current tick (Protocol/README.md section 6, "Rendering"):
/// `anchorTick + (now − anchorTime) × tickRate`, re-anchored whenever a tick is observed ahead of the
/// estimate, and so never moving backwards. Times are a monotonic clock in nanoseconds.
public struct TickClock: Hashable, Sendable {
    /// Ticks per second (from the welcome).
    public private(set) var tickRate: Double
    private var anchorTick: Double?
    private var anchorNanoseconds: Int64 = 0

    /// A clock with no observation yet, for a server ticking `tickRate` times a second.
    public init(tickRate: UInt32 = 20) {
        self.tickRate = Double(max(tickRate, 1))
    }


    /// Changes the tick rate (a new welcome), keeping the estimate continuous.
    public mutating func setTickRate(_ rate: UInt32, at nanoseconds: Int64) {
        let rate = Double(max(rate, 1))
        guard rate != tickRate else { return }
        if let current = estimate(at: nanoseconds) {
            anchorTick = current
            anchorNanoseconds = nanoseconds
        }
        tickRate = rate
    }

    /// Records that the server was at `tick` at `nanoseconds` (a frame's tick at its arrival, or a pong's tick
    /// half a round trip before it arrived). Re-anchors only when that is ahead of the current estimate.
    public mutating func observe(tick: UInt64, at nanoseconds: Int64) {
        let observed = Double(tick)
        if let current = estimate(at: nanoseconds), current >= observed { return }
        anchorTick = observed
        anchorNanoseconds = nanoseconds
    }

    /// The estimated (fractional) server tick at `nanoseconds`; nil before any observation.
    public func estimate(at nanoseconds: Int64) -> Double? {
        guard let anchorTick else { return nil }
        return anchorTick + Double(max(0, nanoseconds - anchorNanoseconds)) * tickRate / 1e9
    }
}
