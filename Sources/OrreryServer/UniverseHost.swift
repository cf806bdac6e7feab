import OrreryWire
import OrreryWorld

/// One universe and its sessions, without I/O: decoded client messages and a tick signal in, encoded server
/// messages out through each connection's `SessionSink`. Confined to one thread (the universe's event loop); no
/// locks. Time is monotonic nanoseconds passed to every call.
///
/// Follows Protocol/README.md section 5: hello → join or resume → live; every fatal error is an error message
/// followed by a close with the same code (except a text message: close 1003 alone). Sessions outlive their
/// connection for `HostPolicy.graceNanoseconds`; a resume replays the missed frames from the session's history, or
/// sends a reset when they are gone. Each welcome carries a new single-use resume token.
public final class UniverseHost {
    /// The universe's name (its path segment).
    public let name: String
    /// The simulation (read it for truth).
    public internal(set) var universe: Universe
    /// The limits and timings in force.
    public let policy: HostPolicy
    /// What the host has done so far.
    public internal(set) var counters = HostCounters()
    /// Called after every step with the universe's state at the new tick (the truth hook), nil when unused.
    public var onStep: ((Universe) -> Void)?
    /// Called when a session is joined, resumed (or refused a resume) and ended, nil when unused (the log hook).
    public var onSessionEvent: ((SessionEvent) -> Void)?
    /// The universe's journal (`orrery serve --journal`), nil when unrecorded.
    public var journal: HostJournal?

    var tokens: ResumeTokenSource
    var sessions: [UInt32: Session] = [:]
    var sessionsByToken: [ResumeToken: Session] = [:]
    var sessionsByIdentity: [UInt32: Session] = [:]
    /// Sessions without a connection, waiting for a resume until their grace deadline.
    var waiting: [UInt32: Session] = [:]
    /// Connections that have not sent join or resume yet.
    var helloLinks: [ObjectIdentifier: ClientLink] = [:]
    /// Connections whose welcome waits for the next tick's sync (strict journal mode).
    var heldLinks: [ClientLink] = []
    /// Reused for every encoded message.
    var scratch: [UInt8] = []
    /// The spectators' event bodies of the current tick, encoded once for all the sessions sharing them.
    var frameBodies = FrameBodies()
    /// The game's schema as sent after every version-2 welcome.
    public let schemaMessage: SchemaMessage
    /// What version-2 sessions speak: version 2 with the game's schema.
    let schemaDialect: WireDialect
    /// Players (connected or waiting) and spectators.
    public internal(set) var playerCount = 0
    /// Spectator sessions (connected or waiting).
    public internal(set) var spectatorCount = 0
    /// Connections attached (hello or live).
    public internal(set) var linkCount = 0

    /// A host for `universe`.
    public init(name: String, universe: Universe, policy: HostPolicy = HostPolicy(),
                tokens: ResumeTokenSource = ResumeTokenSource()) {
        self.name = name
        self.universe = universe
        self.policy = policy
        self.tokens = tokens
        schemaMessage = WorldToWire.schema(universe.schema)
        schemaDialect = WireDialect(schema: schemaMessage)
        scratch.reserveCapacity(4096)
    }

    /// A host dropped with connections still attached (without `closeAll`) breaks their link ↔ session cycles,
    /// which would otherwise keep every live session and its history alive (found by LeakSanitizer).
    deinit {
        for session in sessions.values {
            session.link?.session = nil
            session.link = nil
        }
    }

    /// Sessions, connected or waiting for a resume.
    public var sessionCount: Int { sessions.count }

    /// The session of an observer id, if any.
    public func session(_ observerID: UInt32) -> Session? { sessions[observerID] }

    /// Attaches a new connection in the hello state; it must send join or resume within the hello timeout.
    /// `identity` is the ticket's player id in ticket mode.
    public func connect(_ sink: any SessionSink, identity: UInt32? = nil, now: UInt64) -> ClientLink {
        let link = ClientLink(sink: sink, identity: identity, helloDeadline: now &+ policy.helloTimeoutNanoseconds)
        helloLinks[ObjectIdentifier(link)] = link
        linkCount += 1
        return link
    }

    /// The connection closed (whoever closed it): its session, if any, waits for a resume. Harmless twice.
    public func disconnected(_ link: ClientLink, now: UInt64) {
        detach(link, now: now)
    }

    /// Steps the universe one tick, ends the tick in the journal (in the strict mode: durable, then the held
    /// welcomes go out), sends every connected session its frame when one is due (keeping it in the session's
    /// history either way), then ends expired hellos and grace periods.
    public func tick(now: UInt64) {
        universe.step()
        counters.ticks &+= 1
        let tick = universe.tick
        if let journal {
            journal.endTick(universe) { sessions.values.map(SessionRecord.init) }
            releaseHeld()
        }
        // One copy of the universe per tick for the framers to read values from (reading the stored property in
        // the loop would copy the whole struct for every observer).
        let stepped = universe
        stepped.forEachObserverUpdate { update in
            guard let session = sessions[update.observerID] else { return }
            scratch.removeAll(keepingCapacity: true)
            do throws(WireEncodingError) {
                guard try session.framer.appendFrame(for: update, in: stepped, tick: tick, into: &scratch,
                                                     sharing: &frameBodies) else {
                    session.history.evict(currentTick: tick)
                    return
                }
            } catch {
                sendReset(session)
                return
            }
            deliver(session, tick: tick)
        }
        onStep?(universe)
        expire(now: now)
    }

    /// Closes every connection with `code` (an application code 4000-4999 is preceded by an error message
    /// carrying it, e.g. 4006 when the universe shuts down; 1001 at server shutdown is not) and forgets every
    /// session.
    public func closeAll(code: UInt16, reason: String) {
        let links = Array(helloLinks.values) + sessions.values.compactMap(\.link)
        for link in links where !link.isClosed {
            if code >= 4000 { sendError(link, code: code, message: reason) }
            link.isClosed = true
            link.sink?.close(code: code, reason: reason)
        }
        for session in Array(sessions.values) { endSession(session, reason: .universeClosed) }
        helloLinks.removeAll()
        linkCount = 0
    }

    // MARK: Sending

    /// Keeps the frame in `scratch` (just numbered by the framer) in the history and sends it if connected.
    func deliver(_ session: Session, tick: UInt64) {
        session.history.append(scratch[...], seq: session.lastSentSeq, tick: tick)
        if let link = session.link {
            output(scratch[...], to: link)
            counters.framesSent &+= 1
        }
    }

    /// Sends one encoded message, or keeps it while the link's welcome is held back.
    func output(_ message: ArraySlice<UInt8>, to link: ClientLink) {
        if link.held != nil {
            link.held?.append(Array(message))
        } else {
            link.sink?.send(message)
        }
    }

    /// From now until the journal's next sync, holds what `link` is sent (strict mode; else nothing).
    func holdUntilDurable(_ link: ClientLink) {
        guard journal?.holdsAcknowledgements == true, link.held == nil else { return }
        link.held = []
        heldLinks.append(link)
    }

    /// Sends what the held links were sent since the last tick (their welcomes are durable now).
    private func releaseHeld() {
        guard !heldLinks.isEmpty else { return }
        for link in heldLinks {
            let messages = link.held ?? []
            link.held = nil
            guard !link.isClosed, let sink = link.sink else { continue }
            for message in messages { sink.send(message[...]) }
        }
        heldLinks.removeAll()
    }

    /// Sends (and keeps) a reset of the session's whole view at the current tick.
    func sendReset(_ session: Session) {
        guard let snapshot = universe.snapshot(for: session.observerID) else { return }
        scratch.removeAll(keepingCapacity: true)
        do throws(WireEncodingError) {
            try session.framer.appendReset(snapshot, into: &scratch)
        } catch {
            if let link = session.link {
                fail(link, code: 1011, kind: nil, message: "view too large to send", now: 0)
            }
            return
        }
        deliver(session, tick: snapshot.tick)
    }

    /// Encodes and sends one non-frame message (welcome, schema, pong, error).
    func send(_ message: ServerMessage, to link: ClientLink) {
        scratch.removeAll(keepingCapacity: true)
        do throws(WireEncodingError) {
            try WireEncoder.encode(message, dialect: .v2, into: &scratch)
        } catch {
            return
        }
        output(scratch[...], to: link)
    }

    func sendError(_ link: ClientLink, code: UInt16, message: String) {
        send(.error(ErrorMessage(code: code, message: message)), to: link)
    }

    /// Error message, then close with the same code; the connection is detached (its session waits for a resume).
    func fail(_ link: ClientLink, code: UInt16, kind: ProtocolErrorKind?, message: String, now: UInt64) {
        guard !link.isClosed else { return }
        if let kind { counters.count(kind) }
        sendError(link, code: code, message: message)
        close(link, code: code, reason: message, now: now)
    }

    /// Closes without an error message and detaches.
    func close(_ link: ClientLink, code: UInt16, reason: String, now: UInt64) {
        guard !link.isClosed else { return }
        link.isClosed = true
        link.held = nil
        link.sink?.close(code: code, reason: reason)
        detach(link, now: now)
    }
}
