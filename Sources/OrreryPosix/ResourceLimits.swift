import CLinux
import Glibc

/// The soft and hard limits of RLIMIT_NOFILE (open descriptors).
public struct ResourceLimits: Equatable, Sendable {
    /// The limit currently enforced.
    public var soft: UInt64
    /// The ceiling an unprivileged process may raise `soft` to.
    public var hard: UInt64

    /// Reads the current open-file limits.
    public static func openFiles() throws(PosixError) -> ResourceLimits {
        var limit = rlimit()
        _ = try Syscall.require("getrlimit") { Int(getrlimit(__rlimit_resource_t(UInt32(CLINUX_RLIMIT_NOFILE)), &limit)) }
        return ResourceLimits(soft: UInt64(limit.rlim_cur), hard: UInt64(limit.rlim_max))
    }

    /// Raises the soft open-file limit to `target` (default: the hard limit), never lowering it; returns the result.
    @discardableResult
    public static func raiseOpenFiles(to target: UInt64? = nil) throws(PosixError) -> ResourceLimits {
        let current = try openFiles()
        let wanted = min(target ?? current.hard, current.hard)
        guard wanted > current.soft else { return current }
        var limit = rlimit(rlim_cur: rlim_t(wanted), rlim_max: rlim_t(current.hard))
        _ = try Syscall.require("setrlimit") { Int(setrlimit(__rlimit_resource_t(UInt32(CLINUX_RLIMIT_NOFILE)), &limit)) }
        return try openFiles()
    }
}
