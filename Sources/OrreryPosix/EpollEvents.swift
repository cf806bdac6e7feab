import CLinux

/// Readiness flags for epoll registration and results.
public struct EpollEvents: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Data (or a pending connection, or EOF) is available to read.
    public static let readable = EpollEvents(rawValue: CLINUX_EPOLLIN)
    /// Writing will not block (also: a non-blocking connect finished).
    public static let writable = EpollEvents(rawValue: CLINUX_EPOLLOUT)
    /// An error is pending (always reported, no need to ask).
    public static let error = EpollEvents(rawValue: CLINUX_EPOLLERR)
    /// Both directions are closed (always reported).
    public static let hangup = EpollEvents(rawValue: CLINUX_EPOLLHUP)
    /// The peer shut down its writing side.
    public static let readHangup = EpollEvents(rawValue: CLINUX_EPOLLRDHUP)
}
