import OrreryWebSocket

extension WebSocketConnection: ConnectionHandler {
    public func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        lastReceived = connection.loop.wakeTime
        process(&buffer, range)
    }

    public func connectionIsSlowConsumer(_ connection: Connection) {
        loop.webSocketCounters.slowConsumers &+= 1
        if closeInfo == nil {
            closeInfo = (slowConsumerCloseCode, "slow consumer: over \(connection.outboundCap) bytes pending")
        }
        if machine.state == .open {
            connection.withOutbound { _ = machine.close(code: slowConsumerCloseCode, reason: "slow consumer", to: &$0) }
            loop.webSocketCounters.framesOut &+= 1
        }
        finishTransport()
        reportClose(nil)
    }

    public func connection(_ connection: Connection, didCloseWith reason: CloseReason) {
        loop.cancel(&closeTimer)
        reportClose(reason)
    }

    /// Tells the handler, once, that the WebSocket is finished (the transport may still be flushing
    /// its last bytes) and leaves the loop's registry.
    func reportClose(_ transportReason: CloseReason?) {
        guard !isCloseReported else { return }
        isCloseReported = true
        loop.webSockets.remove(self)
        let info = closeInfo ?? (.abnormalClosure, transportReason?.description ?? "closed")
        let told = handler
        handler = nil
        told?.webSocket(self, didCloseWith: info.code, reason: info.reason)
    }

    /// Runs the protocol machine over `buffer[range]`, unmasking in place, and turns its events into
    /// handler calls. Stops early when the handler asks to move the connection: the unread rest is
    /// carried to the new loop.
    func process(_ buffer: inout [UInt8], _ range: Range<Int>) {
        isDispatching = true
        let framesBefore = machine.framesReceived
        var index = range.lowerBound
        let end = range.upperBound
        var messages: UInt64 = 0
        var payloadBytes: UInt64 = 0
        while connection.state == .open {
            let next = connection.withOutbound { machine.receive(from: &buffer, index: &index, end: end, outbound: &$0) }
            guard let event = next else { break }
            switch event {
            case .text(let payload):
                messages &+= 1
                payloadBytes &+= UInt64(payload.count)
                handler?.webSocket(self, didReceive: payload, kind: .text)
            case .binary(let payload):
                messages &+= 1
                payloadBytes &+= UInt64(payload.count)
                handler?.webSocket(self, didReceive: payload, kind: .binary)
            case .ping:
                if machine.state == .open { loop.webSocketCounters.framesOut &+= 1 }
            case .pong:
                break
            case .close(let code, let reason):
                peerClosed(code: code, reason: reason)
            case .failed(let error):
                failed(error)
            }
            if pendingMove != nil {
                if index < end { carry.append(contentsOf: buffer[index..<end]) }
                break
            }
        }
        isDispatching = false
        connection.loop.webSocketCounters.countReceived(frames: machine.framesReceived &- framesBefore,
                                                        messages: messages, payloadBytes: payloadBytes)
        if pendingMove != nil { performMove() }
    }

    /// The peer's close frame arrived (the machine queued our answer unless we had sent ours first).
    private func peerClosed(code: CloseCode?, reason: ArraySlice<UInt8>) {
        if closeTimer == nil { loop.webSocketCounters.framesOut &+= 1 }
        if closeInfo == nil { closeInfo = (code ?? .noStatusReceived, String(decoding: reason, as: UTF8.self)) }
        finishTransport()
        reportClose(nil)
    }

    /// The peer broke the protocol (the machine queued a close frame unless we had sent ours first).
    private func failed(_ error: WebSocketError) {
        let code = error.closeCode
        loop.webSocketCounters.protocolErrors[code.rawValue, default: 0] &+= 1
        if closeTimer == nil { loop.webSocketCounters.framesOut &+= 1 }
        if closeInfo == nil { closeInfo = (code, error.description) }
        finishTransport()
        reportClose(nil)
    }
}

extension WebSocketConnection {
    /// Takes over `connection` right after the handshake: becomes its handler, joins the loop's
    /// registry, tells the application, then processes the frames that arrived with the handshake.
    func open(on connection: Connection, remainder buffer: inout [UInt8], _ range: Range<Int>) {
        connection.handler = self
        loop.webSockets.add(self)
        isDispatching = true
        handler?.webSocketDidOpen(self)
        isDispatching = false
        if pendingMove != nil {
            carry.append(contentsOf: buffer[range])
            performMove()
        } else {
            process(&buffer, range)
        }
    }
}
