import OrreryWire
import OrreryWorld

extension UniverseHost {
    /// Handles one binary message from a connection (Protocol/README.md section 5.1).
    public func receive(_ bytes: ArraySlice<UInt8>, from link: ClientLink, now: UInt64) {
        guard !link.isClosed else { return }
        let message: ClientMessage
        do throws(WireDecodingError) {
            // Client messages decode within the protocol's limits; the schema's are checked below.
            let dialect = link.session.map { $0.framer.dialect.isV2 ? WireDialect.v2 : .v1 } ?? .v2
            message = try WireDecoder.decodeClientMessage(bytes, dialect: dialect)
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
            let limit = Int(schemaMessage.inputPayloadMaxBytes)
            guard input.payload.count <= limit else {
                return fail(link, code: CloseCode.badMessage.rawValue, kind: .malformed,
                            message: "value-out-of-range: input payload of \(input.payload.count) bytes is over"
                                + " the schema's \(limit)", now: now)
            }
            if admit(session, link, now: now) {
                let applied = WireToWorld.input(input)
                if universe.submitInput(applied, from: session.observerID) {
                    journal?.record(.input(player: session.observerID, input: applied))
                }
            }
        case .command(let command):
            self.command(command, session: session, link: link, now: now)
        case .ping(let ping):
            if admit(session, link, now: now) {
                send(.pong(Pong(clientTimestamp: ping.clientTimestamp, serverTick: universe.tick)), to: link)
            }
        case .join, .resume:
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

    /// A command: checked against the schema (each refusal is error + close 4000, counted by reason), rate
    /// limited like inputs, then queued for the rules' next tick.
    private func command(_ command: WireCommand, session: Session, link: ClientLink, now: UInt64) {
        counters.commandsReceived &+= 1
        let commands = schemaMessage.commands
        let limit = Int(schemaMessage.commandMaxBytes)
        let refusal: (CommandRejection, ProtocolErrorKind, String)?
        if session.isSpectator {
            refusal = (.spectator, .unexpected, "spectators send no commands")
        } else if Int(command.code) >= commands.count {
            refusal = (.unknownCode, .malformed, "value-out-of-range: command code \(command.code) is not in the schema")
        } else if command.payload.count > limit {
            refusal = (.tooLong, .malformed,
                       "value-out-of-range: command payload of \(command.payload.count) bytes is over the schema's \(limit)")
        } else if commands[Int(command.code)].format == .text,
                  String(validating: command.payload, as: UTF8.self) == nil {
            refusal = (.invalidUTF8, .malformed, "invalid-utf8: command \(command.code) takes text")
        } else {
            refusal = nil
        }
        if let (reason, kind, message) = refusal {
            counters.count(reason)
            return fail(link, code: CloseCode.badMessage.rawValue, kind: kind, message: message, now: now)
        }
        guard admit(session, link, now: now) else { return counters.count(.rateLimited) }
        let game = GameCommand(kind: CommandKind(code: command.code), payload: command.payload)
        if universe.submitCommand(game, from: session.observerID) {
            journal?.record(.command(player: session.observerID, command: game))
        } else {
            counters.count(.refusedByUniverse)
        }
    }

    /// The rate limit's verdict on an input, command or ping; closes the connection with 1008 on sustained abuse.
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
        guard WireProtocol.supportedVersions.contains(join.version) else {
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
            endSession(previous, reason: .replaced)
        }
        let full = spectator ? spectatorCount >= policy.maximumSpectators : playerCount >= policy.maximumPlayers
        guard !full else {
            counters.joinsRefused &+= 1
            return fail(link, code: CloseCode.universeFull.rawValue, kind: nil,
                        message: "universe \(name) is full", now: now)
        }
        let observer: UInt32
        if spectator {
            let view = WireToWorld.spectatorView(join.region)
            observer = universe.addSpectator(view)
            journal?.record(.spectatorAdded(spectator: observer, view: view))
            spectatorCount += 1
        } else {
            let identity = PlayerIdentity(account: link.identity, name: join.displayName)
            observer = universe.join(identity: identity)
            journal?.record(.join(player: observer, identity: identity))
            playerCount += 1
        }
        let session = Session(
            observerID: observer, isSpectator: spectator, identity: link.identity, token: tokens.next(),
            framer: SessionFramer(tick: universe.tick, keepAliveTicks: policy.keepAliveTicks,
                                  dialect: join.version >= 2 ? schemaDialect : .v1),
            history: ResumeHistory(ticksPerSecond: universe.config.tickRate, seconds: policy.historySeconds,
                                   maximumBytes: policy.historyMaximumBytes),
            limiter: InputLimiter(policy: policy.input, now: now))
        sessions[observer] = session
        sessionsByToken[session.token] = session
        if let identity = link.identity { sessionsByIdentity[identity] = session }
        counters.joins &+= 1
        journal?.record(.opened(SessionRecord(session)))
        attach(link, to: session)
        holdUntilDurable(link)
        sendWelcome(session, firstSeq: 1, to: link)
        onSessionEvent?(.joined(observer: observer, spectator: spectator, identity: link.identity))
    }

    private func resume(_ resume: Resume, on link: ClientLink, now: UInt64) {
        guard WireProtocol.supportedVersions.contains(resume.version) else {
            return fail(link, code: CloseCode.unsupportedVersion.rawValue, kind: .unsupportedVersion,
                        message: "protocol version \(resume.version) is not supported", now: now)
        }
        guard let session = sessionsByToken[resume.token], resume.lastSeq <= session.lastSentSeq || session.isRestored,
              session.identity == nil || session.identity == link.identity,
              session.framer.dialect.version == resume.version else {
            counters.resumesRejected &+= 1
            onSessionEvent?(.resumeRejected)
            var message = "unknown, used or expired resume token"
            if let version = sessionsByToken[resume.token]?.framer.dialect.version, version != resume.version {
                message = "the session speaks protocol version \(version): join anew"
            }
            return fail(link, code: CloseCode.resumeRejected.rawValue, kind: nil, message: message, now: now)
        }
        if let old = session.link {
            fail(old, code: CloseCode.duplicateSession.rawValue, kind: nil,
                 message: "the session was resumed on another connection", now: now)
        }
        sessionsByToken[session.token] = nil
        session.token = tokens.next()
        sessionsByToken[session.token] = session
        session.limiter.forgiveAbuse()
        if session.isRestored {
            session.isRestored = false
            session.framer.continueAfter(seq: resume.lastSeq)
            session.history.removeAll()
        }
        journal?.record(.opened(SessionRecord(session)))
        attach(link, to: session)
        holdUntilDurable(link)
        let replayable = !session.framer.needsReset
            && (resume.lastSeq == session.lastSentSeq || session.history.canReplay(after: resume.lastSeq))
        guard replayable else {
            counters.resumesReset &+= 1
            onSessionEvent?(.resumed(observer: session.observerID, replayed: false))
            sendWelcome(session, firstSeq: session.framer.nextSeq, to: link)
            return sendReset(session)
        }
        counters.resumesReplayed &+= 1
        onSessionEvent?(.resumed(observer: session.observerID, replayed: true))
        sendWelcome(session, firstSeq: resume.lastSeq + 1, to: link)
        if resume.lastSeq < session.lastSentSeq {
            session.history.forEachFrame(after: resume.lastSeq) { frame in
                output(frame, to: link)
                counters.framesSent &+= 1
            }
        }
    }

    /// The welcome, then (version 2) the schema message.
    private func sendWelcome(_ session: Session, firstSeq: UInt64, to link: ClientLink) {
        let player = session.isSpectator ? 0 : session.observerID
        var welcome = session.framer.welcome(playerID: player, avatarID: universe.avatar(of: player) ?? 0,
                                             tick: universe.tick, config: universe.config,
                                             resumeToken: session.token,
                                             account: session.isSpectator ? 0 : session.identity ?? 0)
        welcome.firstSeq = firstSeq
        send(.welcome(welcome), to: link)
        if session.framer.dialect.isV2 { send(.schema(schemaMessage), to: link) }
    }
}
