import Glibc

/// The single gateway every system call in this module goes through.
///
/// `EINTR` is retried here and nowhere else; `EAGAIN`/`EWOULDBLOCK` become `.wouldBlock`;
/// any other failure becomes a typed `PosixError` naming the call.
enum Syscall {
    /// What a call produced when it did not fail.
    enum Outcome {
        case value(Int)
        case wouldBlock
    }

    /// Runs `body` (a raw call returning -1 on failure), retrying on EINTR.
    @inline(__always)
    static func call(_ name: StaticString, _ body: () -> Int) throws(PosixError) -> Outcome {
        while true {
            let result = body()
            if result >= 0 { return .value(result) }
            let code = Errno.current
            if code == .interrupted { continue }
            if code.isWouldBlock { return .wouldBlock }
            throw .system(call: "\(name)", errno: code)
        }
    }

    /// Like `call`, for calls where "would block" is itself a failure.
    @inline(__always)
    static func require(_ name: StaticString, _ body: () -> Int) throws(PosixError) -> Int {
        switch try call(name, body) {
        case .value(let value): return value
        case .wouldBlock: throw .system(call: "\(name)", errno: .wouldBlock)
        }
    }

    /// Closes `descriptor`. Deliberately not retried on EINTR: on Linux the descriptor is released
    /// even when close reports EINTR, and retrying could close a descriptor another thread just opened.
    static func close(_ descriptor: Int32) throws(PosixError) {
        if Glibc.close(descriptor) == 0 { return }
        let code = Errno.current
        if code == .interrupted { return }
        throw .system(call: "close", errno: code)
    }
}
