import Foundation
import OrreryPosix
import Synchronization

/// The thread that makes interval-mode journals durable (`--journal-sync interval`): every interval it syncs
/// the current segment of each registered journal, off the universes' loops, so a slow disk never stalls a tick.
/// A universe's loop only stores an atomic after each tick's write.
public final class JournalSyncer: Sendable {
    /// One journal as the syncer sees it: its current segment and how far it is written and durable.
    public final class Target: Sendable {
        private let path: Mutex<String>
        private let segment = Atomic<UInt32>(0)
        private let writtenTick: Atomic<UInt64>
        /// The last tick known durable (informational: nothing waits for it).
        public let durableTick: Atomic<UInt64>
        fileprivate let isRetired = Atomic<Bool>(false)

        fileprivate init(path: String, tick: UInt64) {
            self.path = Mutex(path)
            writtenTick = Atomic(tick)
            durableTick = Atomic(tick)
        }

        /// Called by the journal after each write, on its loop: a lock only when the segment rotated.
        func written(path newPath: String, segment number: UInt32, tick: UInt64) {
            if segment.load(ordering: .relaxed) != number {
                path.withLock { $0 = newPath }
                segment.store(number, ordering: .relaxed)
            }
            writtenTick.store(tick, ordering: .releasing)
        }

        /// The journal stopped or finished: the syncer forgets it.
        func retire() {
            isRetired.store(true, ordering: .relaxed)
        }

        fileprivate func sync() throws(PosixError) {
            let tick = writtenTick.load(ordering: .acquiring)
            guard tick > durableTick.load(ordering: .relaxed) else { return }
            try FileSystem.syncData(path.withLock { $0 })
            durableTick.store(tick, ordering: .relaxed)
        }
    }

    /// Time between syncs.
    public let interval: Duration
    /// Syncs that failed (e.g. a segment pruned meanwhile), in all.
    public let failures = Atomic<UInt64>(0)
    private let targets = Mutex<[Target]>([])
    private let stopping = Atomic<Bool>(false)
    private let thread = Mutex<PosixThread?>(nil)

    /// Starts the thread, syncing every `interval`.
    public init(interval: Duration) throws(PosixError) {
        self.interval = interval
        let started = try PosixThread(name: "orrery-jsync") { [self] in run() }
        thread.withLock { $0 = started }
    }

    /// Adds a journal whose segment is at `path`, durable up to `tick`.
    func register(path: String, tick: UInt64) -> Target {
        let target = Target(path: path, tick: tick)
        targets.withLock { $0.append(target) }
        return target
    }

    /// Syncs once more and stops the thread. Idempotent.
    public func stop() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        thread.withLock { $0 }?.join()
    }

    private func run() {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) * 1e-18
        while !stopping.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: seconds)
            syncAll()
        }
        syncAll()
    }

    private func syncAll() {
        let live = targets.withLock { list -> [Target] in
            list.removeAll { $0.isRetired.load(ordering: .relaxed) }
            return list
        }
        for target in live {
            do {
                try target.sync()
            } catch {
                failures.add(1, ordering: .relaxed)
            }
        }
    }
}
