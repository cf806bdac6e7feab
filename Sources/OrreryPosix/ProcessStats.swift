import CLinux
import Glibc

/// Resource usage of this process, for metrics.
public struct ProcessStats: Equatable, Sendable {
    /// Resident set size now, in bytes (from /proc/self/statm).
    public var residentBytes: Int
    /// Peak resident set size, in bytes (getrusage).
    public var peakResidentBytes: Int
    /// CPU time spent in user mode, in microseconds.
    public var userMicroseconds: Int64
    /// CPU time spent in the kernel, in microseconds.
    public var systemMicroseconds: Int64

    /// Samples the current process.
    public static func current() throws(PosixError) -> ProcessStats {
        var usage = rusage()
        _ = try Syscall.require("getrusage") { Int(getrusage(__rusage_who_t(CLINUX_RUSAGE_SELF), &usage)) }
        return ProcessStats(
            residentBytes: try residentBytesNow(),
            peakResidentBytes: Int(usage.ru_maxrss) * 1024,
            userMicroseconds: Int64(usage.ru_utime.tv_sec) * 1_000_000 + Int64(usage.ru_utime.tv_usec),
            systemMicroseconds: Int64(usage.ru_stime.tv_sec) * 1_000_000 + Int64(usage.ru_stime.tv_usec))
    }

    /// Resident pages × page size, from the second field of /proc/self/statm.
    static func residentBytesNow() throws(PosixError) -> Int {
        let file = try FileDescriptor.open(path: "/proc/self/statm")
        var buffer = [UInt8](repeating: 0, count: 256)
        guard case .bytes(let count) = try file.read(into: &buffer) else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
