/// What a `ClientConnection` does after a connection ends.
public enum Reconnection: Hashable, Sendable {
    /// Resume the session (token and last seq) after the delay, or after the backoff when nil.
    case resume(after: Duration?)
    /// Forget the session and join anew after the delay, or after the backoff when nil.
    case rejoin(after: Duration?)
    /// Do not reconnect.
    case never
}
