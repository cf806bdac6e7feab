import OrreryWorld

/// Tuning of the default arena game, in world units: subunits, subunits per tick and ticks.
///
/// `init(tickRate:asteroidCount:npcCount:)` derives every value from the documented real-world default, so the
/// feel stays the same at any tick rate.
public struct ArenaConfig: Equatable, Hashable, Sendable {
    /// Player ship radius (default 2 m).
    public var shipRadius: Int32
    /// Player ship speed at full throttle (default 12 m/s).
    public var shipMaxSpeed: Int32
    /// Ticks between two shots of one ship (default 0.25 s).
    public var fireCooldown: UInt64
    /// Projectile speed (default 40 m/s).
    public var projectileSpeed: Int32
    /// Projectile radius (default 0.25 m).
    public var projectileRadius: Int32
    /// Projectile lifetime in ticks (default 2 s).
    public var projectileLifetime: UInt64
    /// Ticks from a player's ship being destroyed to its new ship (default 2 s).
    public var respawnDelay: UInt64
    /// Asteroid population kept up by the rules (default 160).
    public var asteroidCount: Int
    /// Smallest asteroid radius (default 3 m).
    public var asteroidMinRadius: Int32
    /// Largest asteroid radius (default 8 m).
    public var asteroidMaxRadius: Int32
    /// Largest asteroid drift speed (default 3 m/s).
    public var asteroidMaxSpeed: Int32
    /// NPC ship population kept up by the rules (default 40).
    public var npcCount: Int
    /// NPC ship radius (default 2 m).
    public var npcRadius: Int32
    /// NPC ship speed (default 8 m/s).
    public var npcSpeed: Int32
    /// Fewest ticks between two NPC course changes (default 2 s).
    public var npcTurnMinTicks: UInt64
    /// Most ticks between two NPC course changes (default 5 s).
    public var npcTurnMaxTicks: UInt64
    /// Free space wanted around a newly spawned object (default 12 m).
    public var spawnClearance: Int32
    /// Most asteroids and most NPCs spawned per tick to replenish the population (default 4 each).
    public var replenishPerTick: Int

    /// The defaults for a universe ticking at `tickRate` Hz.
    public init(tickRate: Int = 20, asteroidCount: Int = 160, npcCount: Int = 40) {
        let rate = Int64(max(tickRate, 1))
        func metres(_ value: Int64) -> Int32 { Int32(value * 256) }
        func perSecond(_ metresPerSecond: Int64) -> Int32 { Int32(max(metresPerSecond * 256 / rate, 1)) }
        func ticks(milliseconds: Int64) -> UInt64 { UInt64(max(milliseconds * rate / 1000, 1)) }
        shipRadius = metres(2)
        shipMaxSpeed = perSecond(12)
        fireCooldown = ticks(milliseconds: 250)
        projectileSpeed = perSecond(40)
        projectileRadius = 64
        projectileLifetime = ticks(milliseconds: 2000)
        respawnDelay = ticks(milliseconds: 2000)
        self.asteroidCount = asteroidCount
        asteroidMinRadius = metres(3)
        asteroidMaxRadius = metres(8)
        asteroidMaxSpeed = perSecond(3)
        self.npcCount = npcCount
        npcRadius = metres(2)
        npcSpeed = perSecond(8)
        npcTurnMinTicks = ticks(milliseconds: 2000)
        npcTurnMaxTicks = ticks(milliseconds: 5000)
        spawnClearance = metres(12)
        replenishPerTick = 4
    }

    /// Writes every field (for the rules' saved state).
    func save(into writer: inout StateWriter) {
        for value in [shipRadius, shipMaxSpeed, projectileSpeed, projectileRadius, asteroidMinRadius, asteroidMaxRadius,
                      asteroidMaxSpeed, npcRadius, npcSpeed, spawnClearance] {
            writer.write(value)
        }
        for value in [fireCooldown, projectileLifetime, respawnDelay, npcTurnMinTicks, npcTurnMaxTicks] {
            writer.write(value)
        }
        for value in [asteroidCount, npcCount, replenishPerTick] { writer.write(Int64(value)) }
    }

    /// Reads what `save(into:)` wrote.
    init(from reader: inout StateReader) throws(StateError) {
        self.init()
        shipRadius = try reader.read()
        shipMaxSpeed = try reader.read()
        projectileSpeed = try reader.read()
        projectileRadius = try reader.read()
        asteroidMinRadius = try reader.read()
        asteroidMaxRadius = try reader.read()
        asteroidMaxSpeed = try reader.read()
        npcRadius = try reader.read()
        npcSpeed = try reader.read()
        spawnClearance = try reader.read()
        fireCooldown = try reader.read()
        projectileLifetime = try reader.read()
        respawnDelay = try reader.read()
        npcTurnMinTicks = try reader.read()
        npcTurnMaxTicks = try reader.read()
        asteroidCount = Int(try reader.read(Int64.self))
        npcCount = Int(try reader.read(Int64.self))
        replenishPerTick = Int(try reader.read(Int64.self))
    }
}
