/// One game universe: the authoritative, deterministic simulation plus interest management for its observers.
///
/// A value type with no clock, no I/O and no shared state: two universes never affect each other, and the same
/// configuration, rules, seed and call sequence always give the same states and events.
///
/// Each `step()` runs tick T = `tick + 1`:
/// 1. inputs (`GameRules.applyInput`, ascending player id), commands (`GameRules.command`, in the order
///    received), lifetimes (expired entities destroyed), wake timers (`entityWoke`), then `GameRules.step`;
/// 2. integration `x &+= vx, y &+= vy` of every entity, bouncing off the walls (a changed event);
/// 3. collisions (`GameRules.collision` per overlapping pair, ascending ids), removal of destroyed entities;
/// 4. every observer's view and events (see `events(for:)`): entity properties, private and universe state
///    changed since the last tick, and the messages sent since then (`messages`).
/// `GameRules.avatarLost` runs after each phase that destroyed an avatar.
public struct Universe: Sendable {
    /// The configuration the universe was created with.
    public let config: UniverseConfig
    /// The simulation state (read it for truth queries; rules mutate it through their hooks).
    public internal(set) var world: World
    /// The game's rules.
    public internal(set) var rules: any GameRules
    /// Ids of the entities that moved by their velocity in the last tick (ascending).
    public private(set) var movedEntityIDs: [UInt32] = []
    /// Entities destroyed in the last tick (including between ticks, e.g. by a player leaving), ascending id.
    public private(set) var destroyedLastTick: [DestroyedEntity] = []
    /// The game messages delivered in the last tick, in the order sent (`ViewEvent.message(index:)` indexes it).
    public private(set) var messages: [GameMessage] = []
    /// Whether `step()` updates the observers' views and events (default true). False skips phase 4, most of a
    /// tick's cost: for re-simulations that check only the simulation (`orrery verify`), since views never feed
    /// back into it. Observers then get no events and keep stale views: do not serve or snapshot such a universe.
    public var computesViews = true

    var observers: [ObserverRecord] = []
    var nextObserverID: UInt32 = 1
    var eventBuffer: [ViewEvent] = []
    var scratch = InterestScratch()
    /// Per observer in the last view update: the next spectator copying its result (-1: none), whether it copies
    /// an earlier one's, and the first spectator of each view (`groupSpectators`).
    var nextTwin: [Int] = []
    var twinFollows: [Bool] = []
    var viewLeaders: [SpectatorView: Int] = [:]
    /// The entity store's compaction count at the last view update, when the observers' visible slots were noted.
    var viewCompactions: UInt64 = 0
    /// Commands received since the last tick, in order.
    var pendingCommands: [(player: UInt32, command: GameCommand)] = []
    private var expiredScratch: [UInt32] = []
    private var wokenScratch: [UInt32] = []
    private var pairScratch: [UInt64] = []

    /// Creates a universe at tick 0 and lets the rules set it up. Throws for an invalid configuration or schema.
    public init(config: UniverseConfig = UniverseConfig(), rules: any GameRules) throws(UniverseConfigError) {
        try self.init(config: config, rules: rules, settingUp: true)
    }

    /// Creates a universe at tick 0; `settingUp` false skips the rules' `setUp` (a snapshot is restored next).
    init(config: UniverseConfig, rules: any GameRules, settingUp: Bool) throws(UniverseConfigError) {
        try config.validate()
        let schema = rules.schema
        do {
            try schema.validate()
        } catch {
            throw .invalidSchema(error)
        }
        self.config = config
        self.rules = rules
        world = World(width: config.width, height: config.height, tickRate: config.tickRate,
                      cellSize: config.effectiveCellSize, seed: config.seed, schema: schema)
        guard settingUp else { return }
        self.rules.setUp(world: &world)
        world.compact()
        world.rebuildGrid()
    }

    /// The current tick (0 before the first step).
    public var tick: UInt64 { world.tick }

    /// The game's schema, read from the rules at creation.
    public var schema: GameSchema { world.schema }

    /// The truth for a live entity.
    public func entity(_ id: UInt32) -> EntityState? {
        world.entity(id)
    }

    /// Advances the universe by one tick and computes every observer's events for it.
    public mutating func step() {
        world.tick &+= 1
        movedEntityIDs.removeAll(keepingCapacity: true)
        applyInputs()
        applyCommands()
        runTimers()
        rules.step(world: &world)
        reportAvatarLosses()
        world.integrate(moved: &movedEntityIDs)
        world.rebuildGrid()
        resolveCollisions()
        world.compact()
        world.rebuildGrid()
        if computesViews { updateViews() }
        world.finishTick(destroyed: &destroyedLastTick, messages: &messages)
    }

    private mutating func applyInputs() {
        for index in 0..<world.players.records.count {
            guard let input = world.players[index].pending else { continue }
            world.players[index].pending = nil
            world.players[index].lastAppliedSeq = input.seq
            rules.applyInput(input, player: world.players[index].id, world: &world)
        }
        reportAvatarLosses()
    }

    private mutating func applyCommands() {
        guard !pendingCommands.isEmpty else { return }
        for entry in pendingCommands where world.players.index(of: entry.player) != nil {
            rules.command(entry.command, player: entry.player, world: &world)
        }
        pendingCommands.removeAll(keepingCapacity: true)
        reportAvatarLosses()
    }

    private mutating func runTimers() {
        expiredScratch.removeAll(keepingCapacity: true)
        wokenScratch.removeAll(keepingCapacity: true)
        world.collectTimers(expired: &expiredScratch, woken: &wokenScratch)
        for id in expiredScratch {
            world.destroy(id, reason: .expired)
        }
        for id in wokenScratch {
            if let entity = world.entity(id) { rules.entityWoke(entity, world: &world) }
        }
        reportAvatarLosses()
    }

    private mutating func resolveCollisions() {
        world.collectOverlaps(into: &pairScratch)
        for pair in pairScratch {
            let first = world.store[Int(pair >> 32)]
            let second = world.store[Int(pair & 0xFFFF_FFFF)]
            if first.isDead || second.isDead { continue }
            rules.collision(first.state, second.state, world: &world)
        }
        reportAvatarLosses()
    }

    /// Tells the rules about avatars destroyed since the last call (repeating if the rules destroy more).
    mutating func reportAvatarLosses() {
        while !world.avatarLosses.isEmpty {
            let losses = world.avatarLosses
            world.avatarLosses.removeAll()
            for loss in losses where world.players.index(of: loss.player) != nil {
                rules.avatarLost(player: loss.player, reason: loss.reason, world: &world)
            }
        }
    }
}
