import OrreryNet
import OrreryWebSocket
import OrreryWire

extension ClientConnection {
    public func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: OrreryWebSocket.CloseCode, reason: String) {
        guard webSocket === self.webSocket else { return }
        self.webSocket = nil
        loop.cancel(&housekeeping)
        pendingInputs.clear()
        counters.closeCodes[code.rawValue, default: 0] &+= 1
        let planned = followUp
        followUp = nil
        var next: Reconnection
        if state == .stopped {
            next = .never
        } else if let planned {
            next = planned
        } else {
            counters.drops &+= 1
            next = reaction(to: code.rawValue, reason: reason)
        }
        switch next {
        case .never:
            if state != .stopped { stopOnItsOwn("closed with \(code.rawValue) \(reason)") }
        case .resume, .rejoin:
            if gaveUpStarting(because: "closed with \(code.rawValue) \(reason)") {
                next = .never
            } else {
                scheduleReconnect(next)
            }
        }
        delegate?.clientConnection(self, didDisconnectWith: code.rawValue, reason: reason, next: next)
    }

    /// What the client does after the server (or the network) ended the connection with `code`
    /// (Protocol/close-codes.tsv, column "client action").
    private func reaction(to code: UInt16, reason: String) -> Reconnection {
        switch code {
        case 4000, 1002, 1003, 1007, 1009:
            checker.record(.rejectedByServer, "closed with \(code) \(reason)")
            return .never
        case 1008:
            checker.record(.rejectedByServer, "closed with \(code) \(reason)")
            return configuration.reconnects ? .resume(after: nil) : .never
        case OrreryWire.CloseCode.unsupportedVersion.rawValue, OrreryWire.CloseCode.universeClosed.rawValue,
             OrreryWire.CloseCode.kicked.rawValue, OrreryWire.CloseCode.duplicateSession.rawValue,
             OrreryWire.CloseCode.roleForbidden.rawValue:
            return .never
        case OrreryWire.CloseCode.resumeRejected.rawValue:
            counters.resumesRejected &+= 1
            return configuration.reconnects ? .rejoin(after: nil) : .never
        default:
            return configuration.reconnects ? .resume(after: nil) : .never
        }
    }

    /// Waits (the given delay, or the backoff's next one) and connects again, resuming or joining anew.
    func scheduleReconnect(_ next: Reconnection) {
        let delay: Duration?
        switch next {
        case .never:
            return
        case .resume(let after):
            delay = after
        case .rejoin(let after):
            delay = after
            token = nil
            replica = Replica()
        }
        state = .waiting
        let wait = delay ?? configuration.reconnect.delay(attempt: attempt, unit: random.unit())
        if delay == nil { attempt += 1 }
        retry = loop.schedule(after: wait) { [weak self] _ in
            guard let self, self.state == .waiting else { return }
            self.retry = nil
            self.connect()
        }
    }

    /// Stops for good because of what the server said (or refused).
    func stopOnItsOwn(_ reason: String) {
        guard state != .stopped else { return }
        stopReason = reason
        counters.fatalStops &+= 1
        state = .stopped
        cancelTimers()
    }
}
