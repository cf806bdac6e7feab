/// The immediate outcome of a non-blocking connect.
public enum ConnectStatus: Equatable, Sendable {
    /// Connected already (common on loopback).
    case connected
    /// In progress: wait for writability, then check `TCPSocket.pendingError()`.
    case inProgress
}
