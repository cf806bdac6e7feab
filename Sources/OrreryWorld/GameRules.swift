/// A game plugged into a universe: every hook receives the world `inout` and acts on it through `World`'s API.
///
/// The universe calls the hooks in a fixed order each tick (see `Universe.step()`), so a game built on them is
/// deterministic as long as it draws randomness only from the world (`World.random(below:)` and friends).
/// All hooks have empty default implementations. Rules that keep state of their own (in stored properties) must
/// implement `saveState(into:)` and `restoreState(from:)`, or snapshots, replays and crash recovery lose it.
public protocol GameRules: Sendable {
    /// The game's schema: kinds, properties, messages and commands. Read once, when the universe is created.
    var schema: GameSchema { get }
    /// Called once when the universe is created (tick 0), e.g. to populate it.
    mutating func setUp(world: inout World)
    /// A player joined (between ticks). Typically spawns an avatar and calls `world.setAvatar(of:to:)`.
    mutating func playerJoined(_ player: UInt32, world: inout World)
    /// A player is leaving (between ticks). After this hook the universe destroys a remaining avatar with reason
    /// `ownerLeft` and forgets the player.
    mutating func playerLeft(_ player: UInt32, world: inout World)
    /// Applies the player's input for this tick (the latest one received with its payload, actions of all received
    /// ones OR-ed).
    /// Called once per tick for each player with new input, in ascending player id, even when it has no avatar.
    mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World)
    /// Applies a command the player sent since the last tick, after the inputs, in the order received.
    mutating func command(_ command: GameCommand, player: UInt32, world: inout World)
    /// The wake tick set with `spawn(wakeAfter:)` or `World.setWake(_:afterTicks:)` has come for this entity.
    mutating func entityWoke(_ entity: EntityState, world: inout World)
    /// The per-tick step after inputs and timers: spawning, steering, population upkeep.
    mutating func step(world: inout World)
    /// Two live entities overlap after integration (`first.id < second.id`), in ascending id pairs.
    /// Pairs involving an entity destroyed by an earlier response are skipped.
    mutating func collision(_ first: EntityState, _ second: EntityState, world: inout World)
    /// A player's avatar was destroyed (the player's avatar is now 0). Not called for a leaving player.
    mutating func avatarLost(player: UInt32, reason: DestroyReason, world: inout World)
    /// Writes the rules' own state (whatever they keep between hooks: scores, phases, counters, a settings
    /// version) into a universe snapshot. The world is saved by the universe; save only what lives in the rules.
    func saveState(into writer: inout StateWriter)
    /// Reads back what `saveState(into:)` wrote, in the same order, into rules built with the same settings
    /// (`setUp` is not called on restored rules). Throw what the reader throws; a value you cannot accept is
    /// `StateError.invalid`.
    mutating func restoreState(from reader: inout StateReader) throws(StateError)
}

extension GameRules {
    /// An empty schema named "game": no kind styles, properties, messages or commands.
    public var schema: GameSchema { GameSchema() }
    /// Does nothing.
    public mutating func setUp(world: inout World) {}
    /// Does nothing.
    public mutating func playerJoined(_ player: UInt32, world: inout World) {}
    /// Does nothing.
    public mutating func playerLeft(_ player: UInt32, world: inout World) {}
    /// Does nothing.
    public mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {}
    /// Does nothing.
    public mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {}
    /// Does nothing.
    public mutating func entityWoke(_ entity: EntityState, world: inout World) {}
    /// Does nothing.
    public mutating func step(world: inout World) {}
    /// Does nothing.
    public mutating func collision(_ first: EntityState, _ second: EntityState, world: inout World) {}
    /// Does nothing.
    public mutating func avatarLost(player: UInt32, reason: DestroyReason, world: inout World) {}
    /// Saves nothing: right for rules that keep no state of their own between hooks.
    public func saveState(into writer: inout StateWriter) {}
    /// Restores nothing (rules that keep no state of their own).
    public mutating func restoreState(from reader: inout StateReader) throws(StateError) {}
}
