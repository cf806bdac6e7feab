import Glibc

/// CLOCK_THREAD_CPUTIME_ID readings: the CPU time the calling thread has used, which a busy machine's scheduling
/// does not inflate (benchmarks on shared machines), and which excludes the time it waited (e.g. in `fdatasync`).
public enum ThreadCPUClock {
    /// Nanoseconds of CPU the calling thread has used so far.
    public static func nanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
