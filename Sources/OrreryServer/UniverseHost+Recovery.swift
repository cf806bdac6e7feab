import OrreryJournal
import OrreryWire
import OrreryWorld

extension UniverseHost {
    /// Takes back the sessions of a universe restored from its journal (`UniverseRecovery`): each waits for its
    /// client's resume for a grace period from `now`, and answers it with a reset numbered after the client's
    /// last seq. Then applies (and journals again) the records that followed the last tick, and ends what the
    /// crash left half done: a player or spectator without a session leaves, a session without one is dropped.
    public func restore(_ recovery: UniverseRecovery, now: UInt64) throws(JournalError) {
        for record in recovery.sessions { adopt(record, now: now) }
        for (index, record) in recovery.trailing.enumerated() {
            switch record {
            case .session(let bytes):
                let change: SessionRecord.Change
                do {
                    change = try SessionRecord.decodeChange(bytes)
                } catch {
                    throw .malformed(offset: 0, record: index, kind: .session, reason: "\(error)")
                }
                switch change {
                case .opened(let session): adopt(session, now: now)
                case .closed(let observer): forget(observer)
                }
                journal?.record(change)
            default:
                try universe.apply(record, record: index)
                journal?.record(record)
            }
        }
        for observer in universe.observerIDs where sessions[observer] == nil {
            if universe.isSpectator(observer) == true {
                if universe.removeSpectator(observer) { journal?.record(.spectatorRemoved(spectator: observer)) }
            } else if universe.leave(observer) {
                journal?.record(.leave(player: observer))
            }
        }
        for observer in Array(sessions.keys) where universe.isSpectator(observer) != sessions[observer]?.isSpectator {
            forget(observer)
            journal?.record(.closed(observer))
        }
    }

    /// A restored session from its record, or an update of one (a newer token).
    private func adopt(_ record: SessionRecord, now: UInt64) {
        if let existing = sessions[record.observerID] {
            sessionsByToken[existing.token] = nil
            existing.token = record.token
            sessionsByToken[record.token] = existing
            existing.framer.continueAfter(seq: record.nextSeq &- 1)
            return
        }
        let session = Session(
            observerID: record.observerID, isSpectator: record.isSpectator, identity: record.identity,
            token: record.token,
            framer: SessionFramer(tick: universe.tick, firstSeq: record.nextSeq, keepAliveTicks: policy.keepAliveTicks,
                                  dialect: record.version >= 2 ? schemaDialect : .v1),
            history: ResumeHistory(ticksPerSecond: universe.config.tickRate, seconds: policy.historySeconds,
                                   maximumBytes: policy.historyMaximumBytes),
            limiter: InputLimiter(policy: policy.input, now: now))
        session.isRestored = true
        session.framer.continueAfter(seq: record.nextSeq &- 1)
        session.graceDeadline = now &+ policy.graceNanoseconds
        sessions[record.observerID] = session
        sessionsByToken[record.token] = session
        if let identity = record.identity { sessionsByIdentity[identity] = session }
        waiting[record.observerID] = session
        if record.isSpectator { spectatorCount += 1 } else { playerCount += 1 }
    }

    /// Drops a restored session whose observer already left (its universe record came first).
    private func forget(_ observer: UInt32) {
        guard let session = sessions.removeValue(forKey: observer) else { return }
        sessionsByToken[session.token] = nil
        if let identity = session.identity, sessionsByIdentity[identity] === session {
            sessionsByIdentity[identity] = nil
        }
        waiting[observer] = nil
        if session.isSpectator { spectatorCount -= 1 } else { playerCount -= 1 }
    }
}
