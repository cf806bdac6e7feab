import OrreryWorld

/// Re-simulates a journal: the universe rebuilt from a segment's header (tick 0) or from a snapshot, then every
/// recorded call and tick applied in order, each tick's state hash compared with the recorded one.
///
/// Used by `orrery replay` (which serves the universe it advances), `orrery verify` and crash recovery.
public struct JournalReplay: Sendable {
    /// What applying one record did.
    public enum Outcome: Sendable, Hashable {
        /// A universe call (join, input, ...) was applied.
        case applied
        /// A tick ran; `recordedHash` is the journal's, `computedHash` the re-simulation's.
        case ticked(tick: UInt64, recordedHash: UInt64, computedHash: UInt64)
        /// A snapshot record (its tick is the current one); nothing to apply.
        case snapshot(JournalSnapshot)
        /// The universe ended cleanly.
        case ended
    }

    /// The re-simulated universe.
    public private(set) var universe: Universe

    /// Whether ticks update the observers' views (default true; `Universe.computesViews`). A verification that
    /// only compares state hashes turns it off and runs several times faster.
    public var computesViews: Bool {
        get { universe.computesViews }
        set { universe.computesViews = newValue }
    }

    /// Rules for a journal's game: `rules(header.schema.game)` built with default settings; the journal's saved
    /// rules state gives them the recorded ones. Nil for an unknown game.
    public typealias RulesFactory = @Sendable (_ game: String) -> (any GameRules)?

    /// Starts at tick 0 of a first segment: rules from `factory`, given the header's rules state, then set up
    /// in a new universe with the header's configuration.
    public init(header: JournalHeader, rules factory: RulesFactory) throws(JournalError) {
        var rules = try JournalReplay.rules(for: header, factory: factory)
        var reader = StateReader(header.rulesState)
        do {
            try rules.restoreState(from: &reader)
            try reader.finish()
            universe = try Universe(config: header.config, rules: rules)
        } catch {
            throw .malformed(offset: JournalFormat.prefixBytes, record: 0, kind: .header, reason: "\(error)")
        }
    }

    /// Starts at a snapshot (record `record` at `offset` in its file, for errors).
    public init(header: JournalHeader, snapshot: JournalSnapshot, rules factory: RulesFactory, record: Int = 1,
                offset: Int = 0) throws(JournalError) {
        let rules = try JournalReplay.rules(for: header, factory: factory)
        do {
            universe = try Universe(restoring: snapshot.universe, rules: rules)
        } catch {
            throw .malformed(offset: offset, record: record, kind: .snapshot, reason: "\(error)")
        }
        guard universe.tick == snapshot.tick else {
            throw .malformed(offset: offset, record: record, kind: .snapshot,
                             reason: "universe at tick \(universe.tick) in a snapshot of tick \(snapshot.tick)")
        }
    }

    /// Starts where a segment starts: its header for a first segment, else the snapshot that follows it.
    public init(contents: JournalContents, rules factory: RulesFactory) throws(JournalError) {
        if contents.records.count > 1, case .snapshot(let snapshot) = contents.records[1] {
            try self.init(header: contents.header, snapshot: snapshot, rules: factory, record: 1,
                          offset: contents.offsets[1])
        } else {
            guard contents.header.firstTick == 0 else {
                throw .outOfPlace(offset: contents.offsets.count > 1 ? contents.offsets[1] : contents.size, record: 1,
                                  kind: .header, reason: "a segment after the first must start with a snapshot")
            }
            try self.init(header: contents.header, rules: factory)
        }
    }

    /// Applies one record (`record` numbers it in errors): a call is applied, a tick steps the universe and
    /// reports both hashes, a snapshot or an end is reported. A tick record for another tick than the next is a
    /// `replayMismatch`.
    public mutating func apply(_ entry: JournalRecord, record: Int) throws(JournalError) -> Outcome {
        switch entry {
        case .header:
            throw .replayMismatch(record: record, reason: "a header inside a segment")
        case .snapshot(let snapshot):
            guard snapshot.tick == universe.tick else {
                throw .replayMismatch(record: record, reason: "snapshot of tick \(snapshot.tick) at tick \(universe.tick)")
            }
            return .snapshot(snapshot)
        case .tick(let tick, let hash):
            guard tick == universe.tick &+ 1 else {
                throw .replayMismatch(record: record, reason: "tick \(tick) recorded after tick \(universe.tick)")
            }
            universe.step()
            return .ticked(tick: tick, recordedHash: hash, computedHash: universe.stateHash())
        case .end:
            return .ended
        case .session:
            return .applied
        default:
            try universe.apply(entry, record: record)
            return .applied
        }
    }

    private static func rules(for header: JournalHeader, factory: RulesFactory) throws(JournalError) -> any GameRules {
        guard let rules = factory(header.schema.game) else { throw .unknownGame(header.schema.game) }
        guard rules.schema == header.schema else {
            throw .malformed(offset: JournalFormat.prefixBytes, record: 0, kind: .header,
                             reason: "the rules of game '\(header.schema.game)' declare another schema than recorded")
        }
        return rules
    }
}
