import OrreryWorld

/// A universe whose every call is recorded into a journal held in memory: one first segment (header, then the
/// calls and ticks, a snapshot every `snapshotIntervalTicks`). For tools, tests and benchmarks; the server writes
/// files with `JournalWriter`.
public struct JournalRecorder: Sendable {
    /// The universe being recorded.
    public private(set) var universe: Universe
    /// The journal so far: a whole journal file.
    public private(set) var bytes: [UInt8]
    /// Ticks between snapshots (0 = none).
    public var snapshotIntervalTicks: UInt64
    private var scratch = JournalEncoder()

    /// Creates the universe with `rules` and starts its journal (the header records the rules' settings).
    public init(universe name: String = "universe", rules: any GameRules, config: UniverseConfig = UniverseConfig(),
                createdAtMilliseconds: UInt64 = 0, syncMode: JournalSyncMode = .operatingSystem,
                snapshotIntervalTicks: UInt64 = 0) throws(UniverseConfigError) {
        let header = JournalHeader(universe: name, rules: rules, config: config,
                                   createdAtMilliseconds: createdAtMilliseconds, syncMode: syncMode)
        universe = try Universe(config: config, rules: rules)
        bytes = JournalFormat.prefix
        self.snapshotIntervalTicks = snapshotIntervalTicks
        record(.header(header))
    }

    /// Starts recording a universe that is already running: a segment whose header (the universe's schema,
    /// configuration and the rules' current state) is followed by a snapshot of its current tick. Take it between
    /// ticks (`Universe.saveSnapshot(into:)`).
    public init(continuing universe: Universe, name: String = "universe", createdAtMilliseconds: UInt64 = 0,
                syncMode: JournalSyncMode = .operatingSystem, snapshotIntervalTicks: UInt64 = 0) {
        var rulesState = StateWriter()
        universe.rules.saveState(into: &rulesState)
        let header = JournalHeader(universe: name, schema: universe.schema, config: universe.config,
                                   rulesState: rulesState.bytes, createdAtMilliseconds: createdAtMilliseconds,
                                   syncMode: syncMode, firstTick: universe.tick)
        self.universe = universe
        bytes = JournalFormat.prefix
        self.snapshotIntervalTicks = snapshotIntervalTicks
        record(.header(header))
        record(.snapshot(JournalSnapshot(tick: universe.tick, universe: universe.snapshot())))
    }

    /// `Universe.join(identity:)`, recorded.
    public mutating func join(identity: PlayerIdentity = PlayerIdentity()) -> UInt32 {
        let player = universe.join(identity: identity)
        record(.join(player: player, identity: identity))
        return player
    }

    /// `Universe.leave(_:)`, recorded when it succeeded.
    @discardableResult
    public mutating func leave(_ player: UInt32) -> Bool {
        guard universe.leave(player) else { return false }
        record(.leave(player: player))
        return true
    }

    /// `Universe.addSpectator(_:)`, recorded.
    public mutating func addSpectator(_ view: SpectatorView) -> UInt32 {
        let spectator = universe.addSpectator(view)
        record(.spectatorAdded(spectator: spectator, view: view))
        return spectator
    }

    /// `Universe.setSpectatorView(_:to:)`, recorded when it succeeded.
    @discardableResult
    public mutating func setSpectatorView(_ spectator: UInt32, to view: SpectatorView) -> Bool {
        guard universe.setSpectatorView(spectator, to: view) else { return false }
        record(.spectatorViewChanged(spectator: spectator, view: view))
        return true
    }

    /// `Universe.removeSpectator(_:)`, recorded when it succeeded.
    @discardableResult
    public mutating func removeSpectator(_ spectator: UInt32) -> Bool {
        guard universe.removeSpectator(spectator) else { return false }
        record(.spectatorRemoved(spectator: spectator))
        return true
    }

    /// `Universe.submitInput(_:from:)`, recorded when accepted.
    @discardableResult
    public mutating func submitInput(_ input: PlayerInput, from player: UInt32) -> Bool {
        guard universe.submitInput(input, from: player) else { return false }
        record(.input(player: player, input: input))
        return true
    }

    /// `Universe.submitCommand(_:from:)`, recorded when accepted.
    @discardableResult
    public mutating func submitCommand(_ command: GameCommand, from player: UInt32) -> Bool {
        guard universe.submitCommand(command, from: player) else { return false }
        record(.command(player: player, command: command))
        return true
    }

    /// Steps the universe and records the tick with its state hash, then a snapshot when one is due.
    public mutating func step() {
        universe.step()
        record(.tick(tick: universe.tick, hash: universe.stateHash()))
        if snapshotIntervalTicks > 0, universe.tick % snapshotIntervalTicks == 0 {
            record(.snapshot(JournalSnapshot(tick: universe.tick, universe: universe.snapshot())))
        }
    }

    /// Records a clean end.
    public mutating func finish() {
        record(.end(tick: universe.tick))
    }

    private mutating func record(_ record: JournalRecord) {
        JournalFormat.append(record, to: &bytes, scratch: &scratch)
    }
}
