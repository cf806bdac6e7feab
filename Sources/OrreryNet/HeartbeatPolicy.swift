/// Keep-alive policy of a WebSocket connection: ping every `interval`, and terminate the connection
/// when nothing at all (no frame, not even a pong) has arrived for `timeout`.
///
/// All connections of a loop with the same policy share one repeating sweep timer, so a connection
/// is terminated between `timeout` and `timeout + interval` after the last byte it sent.
public struct HeartbeatPolicy: Hashable, Sendable {
    /// Time between pings (and between checks).
    public var interval: Duration
    /// Silence after which the connection is terminated.
    public var timeout: Duration

    /// A policy; both durations must be positive.
    public init(interval: Duration = .seconds(15), timeout: Duration = .seconds(30)) {
        precondition(interval > .zero && timeout > .zero, "heartbeat durations must be positive")
        self.interval = interval
        self.timeout = timeout
    }
}
