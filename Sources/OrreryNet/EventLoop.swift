import OrreryPosix
import Synchronization

/// One thread's epoll loop: connections, listeners, timers and a cross-thread mailbox.
///
/// Thread rules: `execute`, `submit`, `stop` and `isOnLoopThread` may be called from any thread.
/// Everything else (timers, listen, connect, all `Connection` methods) must run on the loop's own
/// thread, i.e. inside a handler, a timer or a closure passed to `execute`/`submit`. This is why the
/// class is `@unchecked Sendable`: the mutable state is confined to the loop thread, and only the
/// mailbox (a `Mutex`) is shared.
public final class EventLoop: @unchecked Sendable {
    /// The settings this loop was created with.
    public let configuration: EventLoopConfiguration
    /// Traffic and connection counters; read on the loop thread.
    public internal(set) var counters = LoopCounters()
    /// WebSocket counters of the connections owned by this loop; read on the loop thread.
    public internal(set) var webSocketCounters = WebSocketCounters()

    let epoll: Epoll
    private let wake: EventFD
    private let mailbox = Mailbox()
    private let threadID = Atomic<UInt>(0)
    private let events: EpollEventBuffer
    /// The ring that batches the flushes, when the loop writes through io_uring.
    private let uring: IOUring?
    private var sendBatch = SendBatch()
    private var batchSlots: [FlushSlot] = []

    /// The shared read buffer every connection on this loop reads into.
    var readBuffer: [UInt8]
    var sources: [UInt64: any LoopEventSource] = [:]
    private var nextToken: UInt64 = 1
    var timers = TimerHeap()
    var timerSequence: UInt64 = 0
    var listenersByAddress: [SocketAddress: Listener] = [:]
    /// The monotonic clock when the current iteration woke up (nanoseconds): a cheap "now" for every
    /// read of the iteration.
    private(set) var wakeTime: Int64 = 0
    /// The WebSocket connections on this loop and their heartbeat sweeps.
    lazy var webSockets = WebSocketRegistry(loop: self)
    private var dirty: [Connection] = []
    private var flushing: [Connection] = []
    private var deferred: [() -> Void] = []
    private var running: [() -> Void] = []
    private var spareTasks: [Mailbox.Task] = []
    private var stopRequested = false
    private var hasRun = false

    private static let wakeToken: UInt64 = 0

    /// What the loop writes through: `configuration.ioMode` resolved against what the kernel allows.
    public let ioBackend: IOBackend
    /// Why `.auto` fell back to epoll (io_uring_setup's error), if it did.
    public let ioUringUnavailable: PosixError?

    /// Creates a loop; call `run()` on the thread that should own it (or use `EventLoopGroup`).
    /// Also sets SIGPIPE to ignored for the process (sends use MSG_NOSIGNAL as well).
    /// Throws if `configuration.ioMode` is `.ioUring` and the kernel refuses io_uring.
    public init(configuration: EventLoopConfiguration = EventLoopConfiguration()) throws(PosixError) {
        Signals.ignoreBrokenPipe()
        self.configuration = configuration
        var unavailable: PosixError?
        switch configuration.ioMode {
        case .epoll:
            uring = nil
        case .ioUring:
            uring = try IOUring()
        case .auto:
            do throws(PosixError) {
                uring = try IOUring()
            } catch {
                uring = nil
                unavailable = error
            }
        }
        ioUringUnavailable = unavailable
        ioBackend = uring == nil ? .epoll : .ioUring
        epoll = try Epoll()
        wake = try EventFD()
        events = EpollEventBuffer(capacity: configuration.maxEventsPerWait)
        readBuffer = [UInt8](repeating: 0, count: configuration.readBufferSize)
        try epoll.add(wake.rawValue, events: .readable, token: Self.wakeToken)
    }

    /// Whether the caller is running on this loop's thread.
    public var isOnLoopThread: Bool { threadID.load(ordering: .relaxed) == PosixThread.currentID }

    /// Runs `task` on the loop thread soon (in a later iteration, even when called from the loop itself).
    /// Every accepted task runs, even if the loop is stopping; returns false, dropping the task, once it has stopped.
    @discardableResult
    public func execute(_ task: @escaping @Sendable () -> Void) -> Bool {
        guard let wasEmpty = mailbox.enqueue(task) else { return false }
        if wasEmpty { try? wake.signal() }
        return true
    }

    /// Runs `body` on the loop thread and returns its result to the awaiting caller.
    /// Throws `CancellationError` if the loop stopped before running it.
    public func submit<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T {
        let result: T? = await withCheckedContinuation { continuation in
            let accepted = execute { continuation.resume(returning: body()) }
            if !accepted { continuation.resume(returning: nil) }
        }
        guard let result else { throw CancellationError() }
        return result
    }

    /// Asks the loop to stop. From any thread; `run()` returns after closing every connection with `.loopStopped`.
    public func stop() {
        if isOnLoopThread {
            stopRequested = true
        } else {
            execute { [self] in stopRequested = true }
        }
    }

    /// Runs the loop on the calling thread until `stop()`. A loop runs at most once.
    public func run() {
        precondition(!hasRun, "an EventLoop can run only once")
        hasRun = true
        threadID.store(PosixThread.currentID, ordering: .relaxed)
        while !stopRequested {
            let count: Int
            do {
                count = try epoll.wait(into: events, timeoutMilliseconds: pollTimeout())
            } catch {
                preconditionFailure("epoll_wait on a valid epoll descriptor failed: \(error)")
            }
            wakeTime = MonotonicClock.nanoseconds()
            for index in 0..<count {
                dispatch(token: events.token(at: index), events: events.events(at: index))
            }
            fireDueTimers()
            finishIteration()
        }
        shutDown()
    }

    private func dispatch(token: UInt64, events: EpollEvents) {
        if token == Self.wakeToken {
            _ = try? wake.drain()
            runMailbox()
        } else {
            sources[token]?.handle(events)
        }
    }

    private func runMailbox() {
        var batch = spareTasks
        spareTasks = []
        mailbox.takeAll(into: &batch)
        for task in batch { task() }
        batch.removeAll(keepingCapacity: true)
        spareTasks = batch
    }

    /// Milliseconds until the earliest timer (rounded up so a timer never fires early), 0 if work is queued.
    private func pollTimeout() -> Int32 {
        if !dirty.isEmpty || !deferred.isEmpty { return 0 }
        guard let first = timers.first else { return -1 }
        let remaining = first.deadline - MonotonicClock.nanoseconds()
        if remaining <= 0 { return 0 }
        return Int32(clamping: (remaining + 999_999) / 1_000_000)
    }

    /// Flushes connections written to during this iteration and delivers deferred callbacks (closes,
    /// connect results), repeating while those callbacks produce more of either.
    private func finishIteration() {
        while !dirty.isEmpty || !deferred.isEmpty {
            if !dirty.isEmpty {
                swap(&dirty, &flushing)
                if let uring {
                    flushBatched(through: uring)
                } else {
                    for connection in flushing { connection.flushNow() }
                }
                flushing.removeAll(keepingCapacity: true)
            }
            if !deferred.isEmpty {
                swap(&deferred, &running)
                for callback in running { callback() }
                running.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The io_uring flush: every connection's write in one batch; then every connection drops what was
    /// written, and only then, in order, each handles its outcome as `flushNow` does after its own write
    /// (so a handler called back for one connection never sees another's already written bytes as pending).
    private func flushBatched(through uring: IOUring) {
        for connection in flushing {
            switch connection.beginFlush() {
            case nil: batchSlots.append(.skip)
            case -1: batchSlots.append(.nothingPending)
            case let descriptor?:
                batchSlots.append(.send(sendBatch.count))
                sendBatch.append(descriptor: descriptor, bytes: connection.outbound.pending)
            }
        }
        do throws(PosixError) {
            try uring.send(&sendBatch)
        } catch {
            preconditionFailure("io_uring_enter on a valid ring failed: \(error)")
        }
        // Let go of the outbound storage first, so consuming the written bytes does not copy it.
        sendBatch.releaseBuffers()
        for (connection, slot) in zip(flushing, batchSlots) {
            if case .send(let index) = slot { connection.recordWrite(try? sendBatch.outcome(at: index)) }
        }
        for (connection, slot) in zip(flushing, batchSlots) {
            switch slot {
            case .skip: continue
            case .nothingPending: connection.finishFlush()
            case .send(let index):
                do throws(PosixError) {
                    _ = try sendBatch.outcome(at: index)
                    connection.finishFlush()
                } catch {
                    connection.finish(CloseReason(error))
                }
            }
        }
        sendBatch.removeAll()
        batchSlots.removeAll(keepingCapacity: true)
    }

    /// Runs the tasks accepted before the mailbox closed (so no `submit` is left waiting), then closes
    /// every connection with `.loopStopped` and drops listeners and timers.
    private func shutDown() {
        for task in mailbox.close() { task() }
        let remaining = sources.values
        for source in remaining { source.loopDidStop() }
        sources.removeAll()
        listenersByAddress.removeAll()
        timers.removeAll()
        finishIteration()
    }

    // MARK: Loop-internal services

    func assertOnLoop() {
        assert(isOnLoopThread, "EventLoop API used off its loop thread")
    }

    /// Registers `descriptor` with epoll under a fresh token for `source`.
    func register(_ descriptor: Int32, events: EpollEvents, source: any LoopEventSource) throws(PosixError) -> UInt64 {
        let token = nextToken
        nextToken += 1
        try epoll.add(descriptor, events: events, token: token)
        sources[token] = source
        return token
    }

    /// Forgets `token`; with `descriptor`, also removes it from epoll (needed when the descriptor stays open).
    func unregister(_ token: UInt64, descriptor: Int32? = nil) {
        sources[token] = nil
        if let descriptor { try? epoll.remove(descriptor) }
    }

    /// Queues `connection` for the end-of-iteration flush.
    func markDirty(_ connection: Connection) {
        dirty.append(connection)
    }

    /// Runs `callback` at the end of this iteration, outside any handler call in progress.
    func enqueueDeferred(_ callback: @escaping () -> Void) {
        deferred.append(callback)
    }
}

/// What the batched flush does for one dirty connection.
private enum FlushSlot {
    /// Closed since it was marked dirty.
    case skip
    /// Open with no byte pending (e.g. closing after everything was written).
    case nothingPending
    /// Its bytes are the batch's send at this index.
    case send(Int)
}
