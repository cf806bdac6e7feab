/// How a journal writer snapshots, rotates and prunes (`orrery serve --journal-*`).
public struct JournalPolicy: Sendable, Hashable {
    /// When records reach the disk (default: every 100 ms); recorded in each segment's header.
    public var syncMode: JournalSyncMode
    /// Ticks between snapshots (default 600: 30 s at 20 Hz). Recovery and replay from a tick start at the
    /// snapshot before it, so this bounds how much must be re-simulated.
    public var snapshotIntervalTicks: UInt64
    /// A segment at least this large rotates at its next snapshot (default 64 MiB).
    public var segmentBytes: Int
    /// Segments kept per universe, the current one included; older ones are removed at rotation (default 0:
    /// keep every segment, the whole match stays replayable from tick 0).
    public var retainedSegments: Int

    /// Creates a policy; every parameter has a default.
    public init(syncMode: JournalSyncMode = .defaultInterval, snapshotIntervalTicks: UInt64 = 600,
                segmentBytes: Int = 64 << 20, retainedSegments: Int = 0) {
        self.syncMode = syncMode
        self.snapshotIntervalTicks = max(snapshotIntervalTicks, 1)
        self.segmentBytes = segmentBytes
        self.retainedSegments = max(retainedSegments, 0)
    }
}
