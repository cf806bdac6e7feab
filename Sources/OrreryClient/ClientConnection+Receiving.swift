import OrreryNet
import OrreryPosix
import OrreryWebSocket
import OrreryWire

extension ClientConnection {
    public func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind) {
        guard webSocket === self.webSocket, state == .hello || state == .live else { return }
        let now = MonotonicClock.nanoseconds()
        lastReceived = now
        counters.messages &+= 1
        counters.bytes &+= UInt64(payload.count)
        guard kind == .binary else {
            checker.record(.unexpectedMessage, "a text message")
            return refuse()
        }
        let message: ServerMessage
        do {
            message = try WireDecoder.decodeServerMessage(payload, dialect: dialect)
        } catch {
            checker.record(.decodeError, "\(error.kind): \(error)")
            return refuse()
        }
        guard handle(message, at: now) else { return refuse() }
        delegate?.clientConnection(self, didReceive: message, byteCount: payload.count, at: now)
    }

    /// Handles one decoded message; false when it must not be accepted (the connection is then recovered).
    private func handle(_ message: ServerMessage, at now: Int64) -> Bool {
        switch message {
        case .welcome(let welcome):
            guard state == .hello else {
                checker.record(.unexpectedMessage, "a welcome while live")
                return false
            }
            welcomed(welcome, at: now)
        case .eventFrame(let frame):
            guard state == .live else {
                checker.record(.unexpectedMessage, "an event frame before the welcome")
                return false
            }
            do {
                try checker.apply(frame, to: &replica, highestInputSent: lastInputSeqSent)
            } catch {
                return false
            }
            counters.frames &+= 1
            counters.gameMessages &+= UInt64(replica.messages.count)
            accepted(tick: frame.tick, lastInputSeq: frame.lastInputSeq, at: now)
        case .reset(let reset):
            guard state == .live else {
                checker.record(.unexpectedMessage, "a reset before the welcome")
                return false
            }
            do {
                try checker.apply(reset, to: &replica, highestInputSent: lastInputSeqSent)
            } catch {
                return false
            }
            counters.resets &+= 1
            accepted(tick: reset.tick, lastInputSeq: reset.lastInputSeq, at: now)
        case .pong(let pong):
            let roundTrip = max(0, now / 1000 - Int64(truncatingIfNeeded: pong.clientTimestamp))
            roundTripMicroseconds = roundTrip
            counters.pongs &+= 1
            counters.roundTrip.record(microseconds: roundTrip)
            tickClock.observe(tick: pong.serverTick, at: now - roundTrip * 500)
        case .error(let error):
            counters.serverErrors[error.code, default: 0] &+= 1
        case .schema(let schema):
            guard state == .live, replica.lastSeq &+ 1 == replica.session?.firstSeq else {
                checker.record(.unexpectedMessage, "a schema not right after the welcome")
                return false
            }
            replica.apply(schema)
        }
        return true
    }

    private func welcomed(_ welcome: Welcome, at now: Int64) {
        if sentResume {
            replica.resume(welcome)
            counters.resumes &+= 1
            if replica.awaitingReset { counters.resumesReset &+= 1 }
        } else {
            replica.begin(welcome)
            checker.begin(welcome, region: configuration.role == .spectator ? configuration.region : nil)
            counters.joins &+= 1
            nextInputSeq = 1
        }
        token = welcome.resumeToken
        attempt = 0
        state = .live
        tickClock.setTickRate(welcome.tickRateHz, at: now)
        tickClock.observe(tick: welcome.currentTick, at: now)
        delegate?.clientConnectionDidGoLive(self, resumed: sentResume)
    }

    private func accepted(tick: UInt64, lastInputSeq: UInt32, at now: Int64) {
        refusalsInRow = 0
        tickClock.observe(tick: tick, at: now)
        counters.inputsAcknowledged &+= UInt64(pendingInputs.acknowledge(through: lastInputSeq, at: now,
                                                                        into: &counters.inputLatency))
    }

    /// Something arrived that the client cannot accept: close with 4000 and resume; after a second refusal in
    /// a row, join anew with an empty replica.
    private func refuse() {
        guard let webSocket else { return }
        refusalsInRow += 1
        followUp = refusalsInRow >= 2 ? .rejoin(after: nil) : .resume(after: nil)
        webSocket.close(code: OrreryWebSocket.CloseCode(rawValue: OrreryWire.CloseCode.badMessage.rawValue),
                        reason: "client refused a message")
    }
}
