import OrreryJournal
import OrreryWorld

/// A universe's journal as its host writes it (`orrery serve --journal`): every universe call the host made, the
/// host's session changes, a tick record with the state hash after every step, and periodic snapshots of the
/// universe with its sessions. Confined to the universe's loop, like its host.
///
/// When records reach the disk (`JournalSyncMode`):
/// - `everyTick`: written and synced (fdatasync) on the loop right after the step and before any frame of that
///   tick is encoded, so a frame's `lastInput` only ever acknowledges a durable tick; welcomes (their resume
///   token is journaled) are held back until the next tick's sync. One write and one sync per tick for all the
///   universe's records; the loop's other universes wait for that sync, nothing more.
/// - `interval`: written every tick, synced by the server's `JournalSyncer` thread off the loop.
/// - `operatingSystem`: written every tick, never synced (the kernel writes back when it likes).
/// In the last two modes a record of a new token is written at once, before the welcome that carries it.
/// A write or sync that fails stops the journal (the universe goes on unrecorded); `onFailure` says why.
public final class HostJournal {
    /// The writer of the universe's segments.
    public let writer: JournalWriter
    /// When records reach the disk.
    public let syncMode: JournalSyncMode
    /// The failure that stopped the journal, nil while it records.
    public private(set) var failure: JournalError?
    /// Told once, on the loop, when the journal stops.
    var onFailure: ((JournalError) -> Void)?
    /// Where the interval mode's syncer finds the current segment.
    let syncTarget: JournalSyncer.Target?

    /// A journal recording through `writer`; `syncer` is the server's sync thread (interval mode; without one, the
    /// interval mode only writes).
    public init(writer: JournalWriter, syncMode: JournalSyncMode, syncer: JournalSyncer? = nil) {
        self.writer = writer
        self.syncMode = syncMode
        syncTarget = syncer.map { $0.register(path: writer.segmentPath, tick: writer.durableTick) }
    }

    /// Whether acknowledgements wait for durability (the strict mode, while the journal works).
    var holdsAcknowledgements: Bool { syncMode == .everyTick && failure == nil }

    /// Buffers a universe call the host made (in call order).
    public func record(_ call: JournalRecord) {
        guard failure == nil else { return }
        writer.append(call)
    }

    /// Buffers a session change; outside the strict mode it is written at once (before the welcome that carries a
    /// new token goes out), so a process crash cannot lose a token a client holds.
    func record(_ change: SessionRecord.Change) {
        guard failure == nil else { return }
        writer.append(.session(SessionRecord.encode(change)))
        guard syncMode != .everyTick else { return }
        attempt { () throws(JournalError) in try writer.flush() }
    }

    /// Ends a tick: its tick record, a snapshot (with `sessions()`) when one is due, then the write (and in the
    /// strict mode the sync). Returns false if the journal stopped.
    @discardableResult
    public func endTick(_ universe: Universe, sessions: () -> [SessionRecord] = { [] }) -> Bool {
        guard failure == nil else { return false }
        writer.append(.tick(tick: universe.tick, hash: universe.stateHash()))
        attempt { () throws(JournalError) in
            if writer.snapshotDue {
                try writer.appendSnapshot(JournalSnapshot(tick: universe.tick, universe: universe.snapshot(),
                                                          sessions: SessionRecord.encode(sessions())))
            }
            if syncMode == .everyTick {
                try writer.sync()
            } else {
                try writer.flush()
            }
        }
        syncTarget?.written(path: writer.segmentPath, segment: writer.header.segment, tick: writer.writtenTick)
        return failure == nil
    }

    /// Makes everything durable: at server shutdown (the universe is restored at the next start), or with
    /// `ended` when the universe is removed for good (an end record: it is not restored).
    public func close(ended: Bool) {
        guard failure == nil else { return }
        attempt { () throws(JournalError) in
            if ended { try writer.finish() } else { try writer.sync() }
        }
        syncTarget?.retire()
    }

    private func attempt(_ body: () throws(JournalError) -> Void) {
        do {
            try body()
        } catch {
            failure = error
            syncTarget?.retire()
            onFailure?(error)
        }
    }
}
