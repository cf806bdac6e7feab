import OrreryWire
import OrreryWorld

extension UniverseHost {
    /// Handles one binary message from a connection (Protocol/README.md section 5.1).
    public func receive(_ bytes: ArraySlice<UInt8>, from link: ClientLink, now: UInt64) {
        guard !link.isClosed else { return }
        let message: ClientMessage
        do throws(WireDecodingError) {
            message = try WireDecoder.decodeClientMessage(bytes)
        } catch {
            return fail(link, code: CloseCode.badMessage.rawValue, kind: .malformed,
                        message: "malformed message: \(error.kind)", now: now)
        }
        guard let session = link.session else {
            switch message {
            case .join(let join): return self.join(join, on: link, now: now)
            case .resume(let resume): return self.resume(resume, on: link, now: now)
            case .input, .ping, .command:
                return fail(link, code: CloseCode.badMessage.rawValue, kind: .unexpected,
                            message: "send join or resume first", now: now)
            }
        }
        switch message {
        case .input(let input):
            guard !session.isSpectator else {
                return fail(link, code: CloseCode.badMessage.rawValue, kind: .unexpected,
                            message: "spectators send no input", now: now)
            }
            if admit(session, link, now: now) {
                universe.submitInput(WireToWorld.input(input), from: session.observerID)
            }
        case .ping(let ping):
            if admit(session, link, now: now) {
                send(.pong(Pong(clientTimestamp: ping.clientTimestamp, serverTick: universe.tick)), to: link)
            }
        case .join, .resume, .command:
            fail(link, code: CloseCode.badMessage.rawValue, kind: .unexpected,
                 message: "session already started", now: now)
        }
    }

    /// Handles a text WebSocket message: close 1003 (the protocol is binary only).
    public func receiveText(from link: ClientLink, now: UInt64) {
        guard !link.isClosed else { return }
        counters.count(.textMessage)
        close(link, code: 1003, reason: "binary messages only", now: now)
    }

    /// The rate limit's verdict on an input or ping; closes the connection with 1008 on sustained abuse.
    private func admit(_ session: Session, _ link: ClientLink, now: UInt64) -> Bool {
        switch session.limiter.admit(now: now) {
        case .accept:
            return true
        case .drop:
            counters.inputsRateLimited &+= 1
            return false
        case .abuse:
            counters.inputsRateLimited &+= 1
            fail(link, code: 1008, kind: .inputFlood, message: "input rate limit exceeded", now: now)
            return false
        }
    }

    private func join(_ join: Join, on link: ClientLink, now: UInt64) {
        guard join.version == WireProtocol.version else {
            return fail(link, code: CloseCode.unsupportedVersion.rawValue, kind: .unsupportedVersion,
                        message: "protocol version \(join.version) is not supported", now: now)
        }
        let spectator = join.role == .spectator
        if spectator, policy.maximumSpectators == 0 {
            counters.joinsRefused &+= 1
            return fail(link, code: CloseCode.roleForbidden.rawValue, kind: nil,
                        message: "spectators are not allowed", now: now)
        }
        if let identity = link.identity, let previous = sessionsByIdentity[identity] {
            if let old = previous.link {
                fail(old, code: CloseCode.duplicateSession.rawValue, kind: nil,
                     message: "the same player joined again", now: now)
            }
            endSession(previous)
        }
        let full = spectator ? spectatorCount >= policy.maximumSpectators : playerCount >= policy.maximumPlayers
        guard !full else {
            counters.joinsRefused &+= 1
            return fail(link, code: CloseCode.universeFull.rawValue, kind: nil,
                        message: "universe \(name) is full", now: now)
        }
        let observer = spectator ? universe.addSpectator(WireToWorld.spectatorView(join.region)) : universe.join()
        if spectator { spectatorCount += 1 } else { playerCount += 1 }
        let session = Session(
            observerID: observer, isSpectator: spectator, identity: link.identity, token: tokens.next(),
            framer: SessionFramer(tick: universe.tick, keepAliveTicks: policy.keepAliveTicks),
            history: ResumeHistory(ticksPerSecond: universe.config.tickRate, seconds: policy.historySeconds,
                                   maximumBytes: policy.historyMaximumBytes),
            limiter: InputLimiter(policy: policy.input, now: now))
        sessions[observer] = session
        sessionsByToken[session.token] = session
        if let identity = link.identity { sessionsByIdentity[identity] = session }
        counters.joins &+= 1
        attach(link, to: session)
        send(.welcome(welcome(session, firstSeq: 1)), to: link)
    }

    private func resume(_ resume: Resume, on link: ClientLink, now: UInt64) {
        guard resume.version == WireProtocol.version else {
            return fail(link, code: CloseCode.unsupportedVersion.rawValue, kind: .unsupportedVersion,
                        message: "protocol version \(resume.version) is not supported", now: now)
        }
        guard let session = sessionsByToken[resume.token], resume.lastSeq <= session.lastSentSeq,
              session.identity == nil || session.identity == link.identity else {
            counters.resumesRejected &+= 1
            return fail(link, code: CloseCode.resumeRejected.rawValue, kind: nil,
                        message: "unknown, used or expired resume token", now: now)
        }
        if let old = session.link {
            fail(old, code: CloseCode.duplicateSession.rawValue, kind: nil,
                 message: "the session was resumed on another connection", now: now)
        }
        sessionsByToken[session.token] = nil
        session.token = tokens.next()
        sessionsByToken[session.token] = session
        session.limiter = InputLimiter(policy: policy.input, now: now)
        attach(link, to: session)
        let replayable = resume.lastSeq == session.lastSentSeq || session.history.canReplay(after: resume.lastSeq)
        guard replayable else {
            counters.resumesReset &+= 1
            send(.welcome(welcome(session, firstSeq: session.framer.nextSeq)), to: link)
            return sendReset(session)
        }
        counters.resumesReplayed &+= 1
        send(.welcome(welcome(session, firstSeq: resume.lastSeq + 1)), to: link)
        if resume.lastSeq < session.lastSentSeq, let sink = link.sink {
            session.history.forEachFrame(after: resume.lastSeq) { frame in
                sink.send(frame)
                counters.framesSent &+= 1
            }
        }
    }

    private func welcome(_ session: Session, firstSeq: UInt64) -> Welcome {
        let player = session.isSpectator ? 0 : session.observerID
        var welcome = session.framer.welcome(playerID: player, avatarID: universe.avatar(of: player) ?? 0,
                                             tick: universe.tick, config: universe.config,
                                             resumeToken: session.token)
        welcome.firstSeq = firstSeq
        return welcome
    }
}
