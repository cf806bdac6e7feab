import OrreryPosix

/// A non-blocking TCP connection owned by one loop, driven by a `ConnectionHandler`.
///
/// Lifecycle: a new connection (accepted, connected or moved in) is idle until `start(handler:)`;
/// it then reads whenever data arrives and writes what `send` queued, at most once per loop iteration.
/// It ends exactly once, through `close` (graceful), `abort`, the peer or an error, and the handler's
/// `didCloseWith` is then called exactly once. All methods must be called on `loop`'s thread.
public final class Connection: LoopEventSource {
    /// What the connection is doing.
    public enum State: Equatable, Sendable {
        /// Not started: no handler, not reading.
        case idle
        /// Reading and writing.
        case open
        /// Flushing pending bytes before closing (`close()` was called); reads are discarded.
        case closing
        /// Closed (or moved to another loop); nothing more happens.
        case closed
    }

    /// The loop that owns this connection.
    public let loop: EventLoop
    /// The peer address, when known.
    public let peer: SocketAddress?
    /// Pending outbound bytes above which the handler hears `connectionIsSlowConsumer`.
    public var outboundCap: Int
    /// The current state.
    public internal(set) var state: State = .idle

    var socket: TCPSocket?
    var handler: (any ConnectionHandler)?
    var outbound = OutboundBuffer()
    var token: UInt64 = 0
    var isRegistered = false
    var interest: EpollEvents = []
    var isDirty = false
    var isReadingPaused = false
    var slowConsumerReported = false
    var flushedForClose = false
    var closeTimer: TimerHandle?

    init(_ socket: consuming TCPSocket, peer: SocketAddress?, loop: EventLoop, outbound: [UInt8] = [], outboundCap: Int? = nil) {
        // TCP_NODELAY can only fail on a socket that is already dead; the first read will report that.
        try? socket.setNoDelay()
        self.socket = consume socket
        self.peer = peer
        self.loop = loop
        self.outboundCap = outboundCap ?? loop.configuration.outboundCap
        if !outbound.isEmpty { self.outbound.append(outbound) }
    }

    /// Bytes queued but not yet accepted by the kernel.
    public var pendingOutboundBytes: Int { outbound.count }


    /// Installs the handler and starts reading (and flushing anything queued before).
    /// Does nothing if the connection was already closed (e.g. aborted before starting).
    public func start(handler: any ConnectionHandler) {
        loop.assertOnLoop()
        guard state != .closed else { return }
        precondition(state == .idle, "a connection starts once")
        guard let raw = socket?.rawValue else { return }
        self.handler = handler
        state = .open
        do throws(PosixError) {
            interest = isReadingPaused ? [] : .readable
            token = try loop.register(raw, events: interest, source: self)
            isRegistered = true
        } catch {
            finish(.error(error))
            return
        }
        if !outbound.isEmpty { markDirty() }
    }

    /// Sets the kernel's SO_SNDBUF / SO_RCVBUF for this socket (small buffers force partial writes in tests).
    public func setSocketBufferSizes(send: Int? = nil, receive: Int? = nil) throws(PosixError) {
        if let send { try socket?.setSendBufferSize(send) }
        if let receive { try socket?.setReceiveBufferSize(receive) }
    }

    /// Stops delivering reads until `resumeReading()` (the kernel buffers and then throttles the peer).
    public func pauseReading() {
        isReadingPaused = true
        updateInterest()
    }

    /// Resumes delivering reads.
    public func resumeReading() {
        isReadingPaused = false
        updateInterest()
    }

    /// Graceful close: stop reading for the handler, write every pending byte, send FIN, wait for the
    /// peer's FIN, then close with `.local`; if `timeout` passes first, close with `.flushTimedOut`
    /// (bytes still pending) or `.local` (all written, peer just slow to close).
    public func close(timeout: Duration = .seconds(5)) {
        loop.assertOnLoop()
        switch state {
        case .idle: finish(.local)
        case .open:
            state = .closing
            closeTimer = loop.schedule(after: timeout) { [self] _ in
                finish(flushedForClose ? .local : .flushTimedOut)
            }
            updateInterest()
            markDirty()
        case .closing, .closed: return
        }
    }

    /// Closes now, dropping pending bytes; the handler hears `reason`.
    public func abort(reason: CloseReason = .local) {
        loop.assertOnLoop()
        finish(reason)
    }

    /// Ends the connection: releases the descriptor at once, tells the handler at the end of the iteration.
    func finish(_ reason: CloseReason) {
        guard state != .closed else { return }
        state = .closed
        loop.cancel(&closeTimer)
        if isRegistered { loop.unregister(token) }
        isRegistered = false
        try? socket.take()?.close()
        outbound = OutboundBuffer()
        loop.counters.connectionsClosed += 1
        guard handler != nil else { return }
        loop.enqueueDeferred { [self] in
            let told = handler
            handler = nil
            told?.connection(self, didCloseWith: reason)
        }
    }

    func handle(_ events: EpollEvents) {
        if events.contains(.writable) { markDirty() }
        guard events.contains(.readable) || !events.isDisjoint(with: [.error, .hangup]) else { return }
        if isReadingPaused && state == .open {
            reportFailureWhilePaused()
        } else {
            readOnce()
        }
    }

    private func readOnce() {
        let result: ReadResult
        do throws(PosixError) {
            guard let read = try socket?.read(into: &loop.readBuffer) else { return }
            result = read
        } catch {
            finish(state == .closing && flushedForClose ? .local : CloseReason(error))
            return
        }
        switch result {
        case .bytes(let count):
            loop.counters.bytesRead += UInt64(count)
            if state == .open { handler?.connection(self, didRead: &loop.readBuffer, range: 0..<count) }
        case .endOfFile:
            finish(state == .closing && flushedForClose ? .local : .peerClosed)
        case .wouldBlock:
            return
        }
    }

    /// Reading is paused but epoll reports an error or hang-up (always reported, level-triggered):
    /// close now rather than spin.
    private func reportFailureWhilePaused() {
        let pending = try? socket?.pendingError()
        if let code = pending ?? nil {
            finish(CloseReason(.system(call: "recv", errno: code)))
        } else {
            finish(.peerClosed)
        }
    }

    /// Recomputes the epoll interest: readable unless paused (always while closing, to see the peer's FIN),
    /// writable while bytes wait for socket space.
    func updateInterest(wantsWritable: Bool? = nil) {
        guard isRegistered, let raw = socket?.rawValue else { return }
        var wanted: EpollEvents = []
        if !isReadingPaused || state == .closing { wanted.insert(.readable) }
        if wantsWritable ?? interest.contains(.writable) { wanted.insert(.writable) }
        guard wanted != interest else { return }
        do throws(PosixError) {
            try loop.epoll.modify(raw, events: wanted, token: token)
            interest = wanted
        } catch {
            finish(.error(error))
        }
    }

    func loopDidStop() {
        finish(.loopStopped)
    }
}
