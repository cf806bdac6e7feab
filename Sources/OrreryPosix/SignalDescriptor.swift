import CLinux
import Glibc

/// Receives signals as readable data (signalfd) instead of asynchronous handlers.
///
/// Creating one blocks the signals in the calling thread; create it on the main thread before starting
/// any other thread so every thread inherits the blocked mask and the signals reach only this descriptor.
public struct SignalDescriptor: ~Copyable {
    /// The owned signalfd descriptor (blocking; use `wait()` from a dedicated thread).
    public let descriptor: FileDescriptor

    /// Blocks `signals` (e.g. `[Signals.interrupt, Signals.terminate]`) and opens a descriptor receiving them.
    public init(signals: [Int32]) throws(PosixError) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        let masked = pthread_sigmask(SIG_BLOCK, &set, nil)
        if masked != 0 { throw .system(call: "pthread_sigmask", errno: Errno(rawValue: masked)) }
        let raw = try Syscall.require("signalfd") { Int(signalfd(-1, &set, Int32(SFD_CLOEXEC))) }
        descriptor = FileDescriptor(adopting: Int32(raw))
    }

    /// Blocks until one of the signals arrives and returns its number.
    public borrowing func wait() throws(PosixError) -> Int32 {
        var info = signalfd_siginfo()
        let raw = descriptor.rawValue
        _ = try Syscall.require("read(signalfd)") { Glibc.read(raw, &info, MemoryLayout<signalfd_siginfo>.size) }
        return Int32(info.ssi_signo)
    }

    /// Sends `signal` to the calling thread (where it is blocked, so this descriptor receives it).
    public static func raiseInCurrentThread(_ signal: Int32) throws(PosixError) {
        let result = Glibc.raise(signal)
        if result != 0 { throw .system(call: "raise", errno: .current) }
    }

    /// Sends `signal` to the whole process (e.g. a self-requested shutdown).
    public static func raiseInProcess(_ signal: Int32) throws(PosixError) {
        _ = try Syscall.require("kill") { Int(kill(getpid(), signal)) }
    }
}
