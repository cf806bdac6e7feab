/// The simulation state of one universe and the narrow, safe API game rules use to act on it.
///
/// Rules receive the world `inout` in their hooks. Every mutation goes through methods that keep the invariants
/// the view events rely on: changing velocity, heading or position marks the entity changed; destroying records the
/// reason; ids are never reused. The world has no clock and no I/O; its only randomness is its seeded generator.
public struct World: Sendable {
    /// World width in subunits (`0 ≤ x < width`).
    public let width: Int32
    /// World height in subunits (`0 ≤ y < height`).
    public let height: Int32
    /// Ticks per second (informational: the world itself never looks at a clock).
    public let tickRate: Int
    /// The current tick: 0 at creation, incremented at the start of each step.
    public internal(set) var tick: UInt64 = 0
    /// The game's schema (validated): the types that property values and messages must match.
    public let schema: GameSchema

    var store: EntityStore
    var grid: SpatialGrid
    var players = PlayerTable()
    var generator: SeededGenerator
    var nextEntityID: UInt32 = 1
    /// The largest radius ever spawned (bounds collision and proximity searches).
    var maxRadius: Int32 = 0
    /// Entities destroyed since the last view update, sorted by id before views are computed.
    var pendingDestroyed: [DestroyedEntity] = []
    /// Slots of entities teleported since the grid was built (the grid still files them at their old cell).
    var teleportedSlots: [Int] = []
    /// Players whose avatar was destroyed, not yet reported to the rules.
    var avatarLosses: [(player: UInt32, reason: DestroyReason)] = []
    /// Every private property's default, for a joining player.
    let playerStateDefaults: [PropertyValue]
    /// The universe state, indexed like `GameSchema.universeProperties`.
    var universeValues: [PropertyValue]
    /// Bit i: universe property i changed since the last view update.
    var universeChanged: UInt32 = 0
    /// The players whose private state changed since the last view update (ids as sort keys, unsorted).
    var changedPlayers: [UInt64] = []
    /// Messages sent since the last view update, in order.
    var outbox: [GameMessage] = []

    init(width: Int32, height: Int32, tickRate: Int, cellSize: Int32, seed: UInt64, schema: GameSchema) {
        self.width = width
        self.height = height
        self.tickRate = tickRate
        self.schema = schema
        store = EntityStore(propertyDefaults: schema.entityProperties.map(\.type.defaultValue))
        playerStateDefaults = schema.playerProperties.map(\.type.defaultValue)
        universeValues = schema.universeProperties.map(\.type.defaultValue)
        grid = SpatialGrid(width: width, height: height, cellSize: cellSize)
        generator = SeededGenerator(seed: seed)
    }

    /// The number of live entities.
    public var entityCount: Int { store.liveCount }

    /// The number of live entities of one kind.
    public func count(ofKind kind: UInt8) -> Int {
        store.kindCounts[Int(kind)]
    }

    /// The current state of a live entity.
    public func entity(_ id: UInt32) -> EntityState? {
        store.liveSlot(of: id).map { store[$0].state }
    }

    /// The rules' free data word of a live entity.
    public func userData(of id: UInt32) -> Int64? {
        store.liveSlot(of: id).map { store[$0].userData }
    }

    /// The ids of the players in the universe, ascending.
    public var playerIDs: [UInt32] { players.records.map(\.id) }

    /// The avatar entity id of a player (0 = none), or nil for an unknown player.
    public func avatar(of player: UInt32) -> UInt32? {
        players.index(of: player).map { players[$0].avatar }
    }

    /// Makes `entity` (a live entity, or 0 for none) the avatar of `player`. Returns false when either is unknown.
    @discardableResult
    public mutating func setAvatar(of player: UInt32, to entity: UInt32) -> Bool {
        guard let index = players.index(of: player) else { return false }
        var newSlot: Int?
        if entity != 0 {
            guard let slot = store.liveSlot(of: entity) else { return false }
            newSlot = slot
        }
        let previous = players[index].avatar
        if previous != 0, let slot = store.liveSlot(of: previous) { store[slot].avatarOf = 0 }
        players[index].avatar = entity
        if let newSlot { store[newSlot].avatarOf = player }
        return true
    }

    /// Calls `body` for every live entity, in ascending id order.
    public func forEachEntity<E: Error>(_ body: (EntityState) throws(E) -> Void) throws(E) {
        for slot in 0..<store.count where !store[slot].isDead {
            try body(store[slot].state)
        }
    }
}
