import Foundation
import OrreryJournal
import OrreryPosix
import OrreryWorld

extension RelayServer {
    /// The universes to restore from `configuration.journalDirectory` (created if missing): every configured
    /// universe with a journal, and every other journaled one that did not end cleanly (created on demand before
    /// the crash). Throws when the directory cannot be made or a journal cannot be read back at all.
    static func recoveries(_ configuration: RelayConfiguration) throws(RelayError) -> [String: UniverseRecovery] {
        guard let root = configuration.journalDirectory else { return [:] }
        let found: [String]
        do {
            if !FileSystem.exists(root) { try FileSystem.makeDirectory(root) }
            found = try FileSystem.listDirectory(root).filter { Ticket.isValidUniverse($0) }
        } catch {
            throw .journal(universe: "*", .io(path: root, error))
        }
        var recoveries: [String: UniverseRecovery] = [:]
        for name in found where UniverseRecovery.exists(in: root + "/" + name) {
            do throws(JournalError) {
                let recovery = try UniverseRecovery(directory: root + "/" + name, name: name,
                                                    rules: configuration.rules)
                if recovery.endedCleanly, !configuration.universes.contains(name) { continue }
                recoveries[name] = recovery
            } catch {
                throw .journal(universe: name, error)
            }
        }
        return recoveries
    }

    /// On the universe's loop: the host of `entry`, restored from `recovery` or new, journaled when the server
    /// journals (a journal that cannot be opened is logged and the universe runs unrecorded). Nil (logged) when
    /// the universe cannot be made.
    func makeHost(_ entry: UniverseDirectory.Entry, recovery: UniverseRecovery?) -> UniverseHost? {
        let configuration = configuration
        let now = LoopState.now()
        guard let root = configuration.journalDirectory else {
            guard let universe = try? configuration.makeUniverse(named: entry.name, index: entry.index) else {
                return nil
            }
            return UniverseHost(name: entry.name, universe: universe, policy: configuration.policy)
        }
        let directory = root + "/" + entry.name
        let policy = configuration.journalPolicy
        if let recovery {
            let host = UniverseHost(name: entry.name, universe: recovery.universe, policy: configuration.policy)
            let snapshot = JournalSnapshot(tick: recovery.universe.tick, universe: recovery.universe.snapshot(),
                                           sessions: SessionRecord.encode(recovery.sessions))
            do throws(JournalError) {
                let writer = try JournalWriter(directory: directory, header: recovery.header,
                                               continuingWith: snapshot, policy: policy)
                attach(writer, to: host)
                try host.restore(recovery, now: now)
            } catch {
                logger.error("journal_failed", ["universe": entry.name, "error": "\(error)"])
            }
            logger.info("universe_restored", [
                "universe": entry.name, "tick": recovery.universe.tick, "sessions": recovery.sessions.count,
                "segment": recovery.segmentPath, "ticks_replayed": recovery.ticksReplayed,
                "trailing_records": recovery.trailing.count, "dropped_bytes": recovery.droppedBytes,
                "hash_mismatches": recovery.hashMismatches, "skipped_segments": recovery.skippedSegments.count])
            for (path, error) in recovery.skippedSegments {
                logger.warn("journal_segment_skipped", ["universe": entry.name, "segment": path, "error": "\(error)"])
            }
            return host
        }
        let config = configuration.universeConfig(index: entry.index)
        let rules = configuration.rules(entry.name, config)
        let header = JournalHeader(universe: entry.name, rules: rules, config: config,
                                   createdAtMilliseconds: UInt64(Date().timeIntervalSince1970 * 1000),
                                   syncMode: policy.syncMode)
        guard let universe = try? Universe(config: config, rules: rules) else { return nil }
        let host = UniverseHost(name: entry.name, universe: universe, policy: configuration.policy)
        do throws(JournalError) {
            attach(try JournalWriter(directory: directory, header: header, policy: policy), to: host)
        } catch {
            logger.error("journal_failed", ["universe": entry.name, "error": "\(error)"])
        }
        return host
    }

    private func attach(_ writer: JournalWriter, to host: UniverseHost) {
        let journal = HostJournal(writer: writer, syncMode: configuration.journalPolicy.syncMode, syncer: syncer)
        let logger = logger
        let name = host.name
        journal.onFailure = { error in
            logger.error("journal_failed", ["universe": name, "error": "\(error)", "tick": writer.lastTick])
        }
        host.journal = journal
    }
}
