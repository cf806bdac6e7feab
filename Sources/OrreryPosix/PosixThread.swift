import CLinux
import Glibc

/// A joinable POSIX thread running a closure.
public final class PosixThread: Sendable {
    private let handle: pthread_t

    /// Starts a thread running `body`; `name` (at most 15 bytes are kept) shows up in debuggers and `top -H`.
    public init(name: String, _ body: @escaping @Sendable () -> Void) throws(PosixError) {
        let box = Unmanaged.passRetained(ThreadBody(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let box = Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue()
            _ = pthread_setname_np(pthread_self(), String(box.name.utf8.prefix(15))!)
            box.body()
            return nil
        }, box)
        if result != 0 {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            throw .system(call: "pthread_create", errno: Errno(rawValue: result))
        }
        handle = thread
    }

    /// Waits for the thread to finish. Call at most once, never from the thread itself.
    public func join() {
        pthread_join(handle, nil)
    }

    /// An identifier of the calling thread, cheap to read (pthread_self), for "am I on this thread?" checks.
    public static var currentID: UInt { UInt(pthread_self()) }
}

private final class ThreadBody {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
