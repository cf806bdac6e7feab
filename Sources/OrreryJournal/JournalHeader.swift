import OrreryWorld

/// The first record of every journal segment: everything needed to build the universe's rules and, for the
/// first segment, the universe itself at tick 0.
public struct JournalHeader: Sendable, Hashable {
    /// The universe's name (its path segment on the server).
    public var universe: String
    /// The game's schema (its `game` names the rules a reader must build).
    public var schema: GameSchema
    /// The universe's configuration, seed included.
    public var config: UniverseConfig
    /// The rules' own state before `setUp` (`GameRules.saveState`): their settings, so that a reader builds the
    /// same rules.
    public var rulesState: [UInt8]
    /// When the universe was created, milliseconds since 1970 (informational).
    public var createdAtMilliseconds: UInt64
    /// The durability the writer used (informational).
    public var syncMode: JournalSyncMode
    /// The segment's number: 1 for the first, one more at each rotation.
    public var segment: UInt32
    /// The tick the segment starts at: 0 for the first segment (the universe is built fresh from this header),
    /// otherwise the tick of the snapshot that follows the header.
    public var firstTick: UInt64

    /// Creates a header; `segment` defaults to 1 and `firstTick` to 0 (a first segment).
    public init(universe: String, schema: GameSchema, config: UniverseConfig, rulesState: [UInt8],
                createdAtMilliseconds: UInt64, syncMode: JournalSyncMode, segment: UInt32 = 1, firstTick: UInt64 = 0) {
        self.universe = universe
        self.schema = schema
        self.config = config
        self.rulesState = rulesState
        self.createdAtMilliseconds = createdAtMilliseconds
        self.syncMode = syncMode
        self.segment = segment
        self.firstTick = firstTick
    }

    /// The header of a new journal for a universe about to be created with `rules` (not set up yet).
    public init(universe: String, rules: any GameRules, config: UniverseConfig, createdAtMilliseconds: UInt64,
                syncMode: JournalSyncMode) {
        var state = StateWriter()
        rules.saveState(into: &state)
        self.init(universe: universe, schema: rules.schema, config: config, rulesState: state.bytes,
                  createdAtMilliseconds: createdAtMilliseconds, syncMode: syncMode)
    }
}
