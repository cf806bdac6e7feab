import CLinux

/// An io_uring instance driven through raw system calls: `send(_:)` hands the kernel a whole batch of
/// sends and waits for all of their outcomes in one `io_uring_enter`. Use it from one thread only.
///
/// The sockets are non-blocking, so each send completes while it is submitted, exactly like `send(2)`:
/// some or all bytes, EAGAIN, or an error.
public final class IOUring {
    private var ring = clinux_uring()
    /// Most sends submitted per `io_uring_enter`; larger batches take one call per this many.
    public let capacity: Int

    /// Sets up a ring with `entries` submission slots (the kernel rounds up to a power of two).
    /// Throws `io_uring_setup` failures: ENOSYS (no io_uring), EPERM (disabled, e.g. by sysctl or seccomp),
    /// ENOTSUP (a kernel older than 5.7, without IORING_OP_SEND).
    public init(entries: UInt32 = 256) throws(PosixError) {
        let code = clinux_uring_open(&ring, entries)
        if code != 0 { throw .system(call: "io_uring_setup", errno: Errno(rawValue: code)) }
        capacity = Int(ring.entries)
    }

    deinit { clinux_uring_unmap(&ring) }

    /// Performs every send of `batch` (in chunks of `capacity`, one system call each) and stores each outcome
    /// in the batch. The buffers stay alive and unchanged in the batch until the kernel has finished with them.
    public func send(_ batch: inout SendBatch) throws(PosixError) {
        var start = 0
        while start < batch.count {
            let end = min(start + capacity, batch.count)
            for index in start..<end {
                let descriptor = batch.descriptors[index]
                batch.buffers[index].withUnsafeBytes { bytes in
                    clinux_uring_queue_send(&ring, descriptor, bytes.baseAddress, bytes.count, UInt64(index))
                }
            }
            let code = clinux_uring_submit_and_wait(&ring, UInt32(end - start))
            if code != 0 { throw .system(call: "io_uring_enter", errno: Errno(rawValue: code)) }
            var userData: UInt64 = 0
            var result: Int32 = 0
            while clinux_uring_reap(&ring, &userData, &result) == 1 {
                batch.results[Int(userData)] = result
            }
            start = end
        }
    }
}
