import OrreryPosix

extension Connection {
    /// Queues bytes for sending; they are written at the end of the loop iteration, after any other
    /// sends in the same iteration. Returns false (dropping them) unless the connection is idle or open.
    @discardableResult
    public func send(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard acceptsSends else { return false }
        outbound.append(bytes)
        markDirty()
        return true
    }

    /// Queues bytes for sending (see `send(_: ArraySlice<UInt8>)`).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        guard acceptsSends else { return false }
        outbound.append(bytes)
        markDirty()
        return true
    }

    /// Lets an encoder append straight into the outbound buffer (no intermediate array).
    /// `body` must only append to the array it is given.
    @discardableResult
    public func send(writing body: (inout [UInt8]) -> Void) -> Bool {
        guard acceptsSends else { return false }
        outbound.append(writing: body)
        markDirty()
        return true
    }

    /// Lends the outbound storage to `body` (append only) whatever the state, and schedules a flush
    /// if it appended. The WebSocket receive path uses it to let the protocol machine write replies.
    @discardableResult
    func withOutbound<Result>(_ body: (inout [UInt8]) -> Result) -> Result {
        let before = outbound.count
        let result = outbound.append(writing: body)
        if outbound.count != before { markDirty() }
        return result
    }

    private var acceptsSends: Bool {
        loop.assertOnLoop()
        return state == .open || state == .idle
    }

    func markDirty() {
        guard !isDirty, state == .open || state == .closing else { return }
        isDirty = true
        loop.markDirty(self)
    }

    /// The end-of-iteration write: one write of everything pending; a remainder arms EPOLLOUT.
    func flushNow() {
        guard let descriptor = beginFlush() else { return }
        guard descriptor >= 0 else { return completeFlush(nil) }
        do throws(PosixError) {
            completeFlush(try socket?.write(outbound.pending))
        } catch {
            finish(CloseReason(error))
        }
    }

    /// Starts the end-of-iteration flush: nil if there is nothing to do (closed), -1 if no byte is
    /// pending, else the descriptor to write `outbound.pending` to.
    func beginFlush() -> Int32? {
        isDirty = false
        guard state == .open || state == .closing, let raw = socket?.rawValue else { return nil }
        return outbound.isEmpty ? -1 : raw
    }

    /// Ends the flush begun with `beginFlush` after the write's `outcome` (nil: nothing was written).
    func completeFlush(_ outcome: WriteResult?) {
        recordWrite(outcome)
        finishFlush()
    }

    /// Drops the bytes the kernel accepted from the outbound buffer.
    func recordWrite(_ outcome: WriteResult?) {
        guard state == .open || state == .closing, case .wrote(let count)? = outcome else { return }
        outbound.consume(count)
        loop.counters.bytesWritten += UInt64(count)
    }

    /// After a write: arms or disarms EPOLLOUT, reports drain or slow consumer, continues a close.
    func finishFlush() {
        guard state == .open || state == .closing else { return }
        if outbound.isEmpty {
            let wasWaiting = interest.contains(.writable)
            slowConsumerReported = false
            updateInterest(wantsWritable: false)
            if state == .closing {
                finishFlushForClose()
            } else if wasWaiting, state == .open {
                handler?.connectionDidDrain(self)
            }
            return
        }
        updateInterest(wantsWritable: true)
        if outbound.count <= outboundCap {
            slowConsumerReported = false
        } else if !slowConsumerReported, state == .open {
            slowConsumerReported = true
            handler?.connectionIsSlowConsumer(self)
        }
    }

    /// Everything is written during a graceful close: send FIN and wait for the peer's.
    private func finishFlushForClose() {
        guard !flushedForClose else { return }
        flushedForClose = true
        do throws(PosixError) {
            try socket?.shutdown(.write)
        } catch {
            finish(.local)
        }
    }
}
