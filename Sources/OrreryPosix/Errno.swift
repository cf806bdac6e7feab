import Glibc

/// An errno value with a symbolic name (for common codes) and the C library's message.
public struct Errno: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The raw errno number.
    public let rawValue: Int32

    /// Wraps a raw errno number.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's current errno.
    static var current: Errno { Errno(rawValue: errno) }

    public static let interrupted = Errno(rawValue: EINTR)
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    public static let inProgress = Errno(rawValue: EINPROGRESS)
    public static let badDescriptor = Errno(rawValue: EBADF)
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    public static let connectionReset = Errno(rawValue: ECONNRESET)
    public static let connectionAborted = Errno(rawValue: ECONNABORTED)
    public static let brokenPipe = Errno(rawValue: EPIPE)
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    public static let canceled = Errno(rawValue: ECANCELED)
    public static let addressInUse = Errno(rawValue: EADDRINUSE)
    public static let tooManyOpenFiles = Errno(rawValue: EMFILE)
    public static let tooManyOpenFilesInSystem = Errno(rawValue: ENFILE)
    public static let invalidArgument = Errno(rawValue: EINVAL)
    public static let notConnected = Errno(rawValue: ENOTCONN)

    /// True for EAGAIN and EWOULDBLOCK (equal on Linux, both checked for clarity).
    public var isWouldBlock: Bool { rawValue == EAGAIN || rawValue == EWOULDBLOCK }

    /// The symbolic name, e.g. `ECONNREFUSED`, or `errno N` for codes not in the table.
    public var name: String {
        switch rawValue {
        case EINTR: "EINTR"
        case EAGAIN: "EAGAIN"
        case EINPROGRESS: "EINPROGRESS"
        case EBADF: "EBADF"
        case ECONNREFUSED: "ECONNREFUSED"
        case ECONNRESET: "ECONNRESET"
        case ECONNABORTED: "ECONNABORTED"
        case EPIPE: "EPIPE"
        case ETIMEDOUT: "ETIMEDOUT"
        case ECANCELED: "ECANCELED"
        case EADDRINUSE: "EADDRINUSE"
        case EADDRNOTAVAIL: "EADDRNOTAVAIL"
        case EMFILE: "EMFILE"
        case ENFILE: "ENFILE"
        case EINVAL: "EINVAL"
        case ENOTCONN: "ENOTCONN"
        case EACCES: "EACCES"
        case EPERM: "EPERM"
        case ENOENT: "ENOENT"
        case ENOMEM: "ENOMEM"
        case ENOBUFS: "ENOBUFS"
        case EHOSTUNREACH: "EHOSTUNREACH"
        case ENETUNREACH: "ENETUNREACH"
        default: "errno \(rawValue)"
        }
    }

    /// The C library's message for this code (strerror).
    public var message: String { String(cString: strerror(rawValue)) }

    public var description: String { "\(message) (\(name))" }
}
