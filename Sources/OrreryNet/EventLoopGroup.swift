import OrreryPosix
import Synchronization

/// N event loops, each running on its own thread, plus round-robin placement of connections.
/// Call `shutdown()` when done: the threads keep their loops alive until then.
public final class EventLoopGroup: Sendable {
    /// The loops, all running.
    public let loops: [EventLoop]
    private let threads: [PosixThread]
    private let cursor = Atomic<Int>(0)
    private let isShutDown = Atomic<Bool>(false)

    /// Starts `loopCount` loops, each on a thread named `<name>-<index>`.
    public init(loopCount: Int, configuration: EventLoopConfiguration = EventLoopConfiguration(),
                name: String = "orrery-loop") throws(PosixError) {
        precondition(loopCount > 0, "a loop group needs at least one loop")
        var loops: [EventLoop] = []
        for _ in 0..<loopCount { loops.append(try EventLoop(configuration: configuration)) }
        var threads: [PosixThread] = []
        for (index, loop) in loops.enumerated() {
            do throws(PosixError) {
                threads.append(try PosixThread(name: "\(name)-\(index)") { loop.run() })
            } catch {
                for started in loops.prefix(index) { started.stop() }
                for thread in threads { thread.join() }
                throw error
            }
        }
        self.loops = loops
        self.threads = threads
    }

    /// The next loop in round-robin order. Any thread.
    public func next() -> EventLoop {
        let index = cursor.add(1, ordering: .relaxed).oldValue
        return loops[index % loops.count]
    }

    /// Stops every loop (open connections close with `.loopStopped`) and waits for their threads.
    /// Idempotent. Never call it from one of the group's loop threads.
    public func shutdown() {
        guard isShutDown.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        precondition(!loops.contains { $0.isOnLoopThread }, "EventLoopGroup.shutdown() called from one of its loops")
        for loop in loops { loop.stop() }
        for thread in threads { thread.join() }
    }

    /// Listens on `host:port` from any thread: binds here (so the port is known on return and bind errors
    /// are thrown), accepts on `loops[acceptLoop]`, places each connection as `placement` says (by default on
    /// `next()`) and starts it there with `makeHandler(connection)`. Registration on the accepting loop happens
    /// asynchronously; should epoll refuse it (kernel out of memory) the socket is closed and connects are refused.
    public func listen(host: String, port: Int, backlog: Int32 = 4096, acceptLoop: Int = 0,
                       placement: ConnectionPlacement = .roundRobin,
                       makeHandler: @escaping @Sendable (Connection) -> any ConnectionHandler) throws(PosixError) -> GroupListener {
        let address = try SocketAddress(host: host, port: port)
        let socket = try TCPListener(address: address, backlog: backlog)
        let bound = try socket.localAddress()
        let detached = socket.detach()
        let acceptor = loops[acceptLoop]
        acceptor.execute { [weak self] in
            guard let descriptor = detached.take() else { return }
            _ = try? acceptor.adopt(TCPListener(descriptor), address: bound) { connection in
                guard let self else { return connection.abort() }
                let target = placement == .acceptingLoop ? acceptor : self.next()
                if target === acceptor {
                    connection.start(handler: makeHandler(connection))
                } else {
                    connection.move(to: target) { moved in moved.start(handler: makeHandler(moved)) }
                }
            }
        }
        return GroupListener(address: bound, loop: acceptor)
    }
}
