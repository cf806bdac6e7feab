import OrreryWire

extension UniverseHost {
    /// The error text of a hello timeout (4009).
    static let helloTimeoutMessage = "no join or resume in time"

    /// Makes `link` carry `session`.
    func attach(_ link: ClientLink, to session: Session) {
        helloLinks[ObjectIdentifier(link)] = nil
        link.session = session
        session.link = link
        session.graceDeadline = nil
        waiting[session.observerID] = nil
    }

    /// Forgets a connection; its session (if it still carries it) starts its grace period.
    func detach(_ link: ClientLink, now: UInt64) {
        if helloLinks.removeValue(forKey: ObjectIdentifier(link)) != nil {
            linkCount -= 1
        } else if let session = link.session {
            linkCount -= 1
            link.session = nil
            if session.link === link, sessions[session.observerID] === session {
                session.link = nil
                session.graceDeadline = now &+ policy.graceNanoseconds
                waiting[session.observerID] = session
            }
        }
        link.isClosed = true
    }

    /// Removes a session and its avatar (or spectator view) from the universe.
    func endSession(_ session: Session, reason: SessionEvent.EndReason) {
        guard sessions.removeValue(forKey: session.observerID) != nil else { return }
        onSessionEvent?(.ended(observer: session.observerID, reason: reason))
        if session.isSpectator {
            if universe.removeSpectator(session.observerID) {
                journal?.record(.spectatorRemoved(spectator: session.observerID))
            }
            spectatorCount -= 1
        } else {
            if universe.leave(session.observerID) { journal?.record(.leave(player: session.observerID)) }
            playerCount -= 1
        }
        journal?.record(.closed(session.observerID))
        sessionsByToken[session.token] = nil
        if let identity = session.identity, sessionsByIdentity[identity] === session {
            sessionsByIdentity[identity] = nil
        }
        waiting[session.observerID] = nil
        session.graceDeadline = nil
        session.link?.session = nil
        session.link = nil
    }

    /// Closes connections whose hello timed out (4009) and ends sessions whose grace period is over.
    func expire(now: UInt64) {
        if !helloLinks.isEmpty {
            for link in helloLinks.values where link.helloDeadline <= now {
                fail(link, code: CloseCode.helloTimeout.rawValue, kind: .helloTimeout,
                     message: Self.helloTimeoutMessage, now: now)
            }
        }
        if !waiting.isEmpty {
            for session in waiting.values where (session.graceDeadline ?? .max) <= now {
                endSession(session, reason: .expired)
                counters.sessionsExpired &+= 1
            }
        }
    }
}
