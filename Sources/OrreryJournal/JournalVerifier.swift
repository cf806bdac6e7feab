import OrreryWorld

/// Where a re-simulation first left the recorded run (`JournalVerifier`).
public struct JournalDivergence: Sendable, Hashable {
    /// The first tick whose state hash differs (or the tick of a snapshot that differs although the hashes agreed).
    public var tick: UInt64
    /// The number and byte offset of that tick's record.
    public var record: Int
    public var offset: Int
    /// The recorded and the re-simulated state hash of that tick.
    public var recordedHash: UInt64
    public var computedHash: UInt64
    /// The tick of the recorded snapshot the re-simulation was compared with field by field (the first snapshot at
    /// or after `tick`), nil when the journal has none.
    public var comparedAtTick: UInt64?
    /// How the re-simulated universe differs from that snapshot (expected = recorded).
    public var differences: [UniverseDifference]
}

/// The outcome of `JournalVerifier.verify`.
public struct JournalVerification: Sendable, Hashable {
    /// The tick the verified segment starts at and the last tick verified.
    public var firstTick: UInt64
    public var lastTick: UInt64
    /// Ticks re-simulated and compared.
    public var ticks: Int
    /// Recorded snapshots compared with the re-simulated universe.
    public var snapshots: Int
    /// The first divergence, nil when every tick matched.
    public var divergence: JournalDivergence?
}

/// Re-simulates a journal segment and compares every tick's state hash and every snapshot with the recording.
/// Views are not computed (`Universe.computesViews`): the hash and the comparison cover the simulation only.
public enum JournalVerifier {
    /// Verifies `contents`. On the first hash mismatch it keeps simulating to the next recorded snapshot and
    /// diffs the two universes, then stops. `progress` is called with (records done, records in all) every 1,024
    /// records and at the end.
    public static func verify(_ contents: JournalContents, rules factory: JournalReplay.RulesFactory,
                              progress: ((Int, Int) -> Void)? = nil) throws(JournalError) -> JournalVerification {
        var replay = try JournalReplay(contents: contents, rules: factory)
        replay.computesViews = false
        let firstTick = replay.universe.tick
        var result = JournalVerification(firstTick: firstTick, lastTick: firstTick, ticks: 0, snapshots: 0)
        let start = contents.records.count > 1 && contents.records[1].kind == .snapshot ? 2 : 1
        let total = contents.records.count
        for index in start..<total {
            if let progress, index % 1024 == 0 { progress(index, total) }
            switch try replay.apply(contents.records[index], record: index) {
            case .ticked(let tick, let recorded, let computed):
                result.lastTick = tick
                result.ticks += 1
                if result.divergence == nil, recorded != computed {
                    result.divergence = JournalDivergence(tick: tick, record: index, offset: contents.offsets[index],
                                                          recordedHash: recorded, computedHash: computed,
                                                          comparedAtTick: nil, differences: [])
                }
            case .snapshot(let snapshot):
                let recorded = try JournalReplay(header: contents.header, snapshot: snapshot, rules: factory,
                                                 record: index, offset: contents.offsets[index]).universe
                let differences = recorded.differences(from: replay.universe, views: false)
                if result.divergence == nil {
                    result.snapshots += 1
                    let hash = recorded.stateHash()
                    guard !differences.isEmpty || hash != replay.universe.stateHash() else { continue }
                    result.divergence = JournalDivergence(tick: snapshot.tick, record: index,
                                                          offset: contents.offsets[index], recordedHash: hash,
                                                          computedHash: replay.universe.stateHash(),
                                                          comparedAtTick: nil, differences: [])
                }
                result.divergence?.comparedAtTick = snapshot.tick
                result.divergence?.differences = differences
                progress?(total, total)
                return result
            case .applied, .ended:
                continue
            }
        }
        progress?(total, total)
        return result
    }
}
