/// When to try again after a connection was lost or could not be opened: exponential backoff with jitter,
/// capped (Protocol/README.md section 5.2).
public struct ReconnectPolicy: Hashable, Sendable {
    /// The delay before the first retry, before jitter. Default 0.5 s.
    public var initialDelay: Duration
    /// The largest delay, before jitter. Default 15 s.
    public var maximumDelay: Duration
    /// Up to this fraction of each delay is removed at random (0 = none, 0.5 = up to half). Default 0.5.
    public var jitter: Double

    /// A policy; the defaults are those the protocol recommends.
    public init(initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(15),
                jitter: Double = 0.5) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay before retry number `attempt` (0 for the first): `initialDelay × 2^attempt`, at most
    /// `maximumDelay`, then reduced by `jitter × unit` of itself, where `unit` is a random draw in 0..<1.
    public func delay(attempt: Int, unit: Double) -> Duration {
        let exponent = min(max(attempt, 0), 62)
        let grown = (initialDelay / .seconds(1)) * Double(sign: .plus, exponent: exponent, significand: 1)
        let capped = min(maximumDelay / .seconds(1), grown)
        let seconds = capped * (1 - jitter * min(max(unit, 0), 1))
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
