import OrreryWorld

/// The default arena game: player ships steered by input that fire projectiles, drifting asteroids and roaming
/// NPC ships, collisions that destroy, respawns after a delay and a population kept at the configured size.
///
/// Rules: a projectile hitting a ship or asteroid destroys it (reason `shot`) and itself (`collision`), never its
/// owner's ship; ships colliding with an asteroid or another ship are destroyed (`collision`); asteroids pass
/// through each other; projectiles expire after their lifetime (`expired`). A player ship's `userData` is the tick
/// from which it may fire again; an NPC changes course when it wakes. A player's private `score` counts the ships
/// and asteroids its projectiles destroyed; the universe's `players` counts the players in it.
public struct ArenaRules: GameRules {
    /// The private score of a player: ships and asteroids its projectiles destroyed.
    public static let score = PlayerProperty(index: 0)
    /// The number of players in the universe.
    public static let players = UniverseProperty(index: 0)
    /// The arena's schema: the kind styles of `ArenaKind`, `score` and `players`.
    public static let gameSchema = GameSchema(game: "arena", kinds: ArenaKind.styles,
                                              playerProperties: [PropertySpec(name: "score", type: .int)],
                                              universeProperties: [PropertySpec(name: "players", type: .int)])


    /// The tuning (saved with the rules' state, so a journal replays with the recorded tuning).
    public private(set) var config: ArenaConfig
    /// Players waiting for a new ship, in order of due tick.
    private var respawns: [Respawn] = []

    private struct Respawn: Sendable {
        var player: UInt32
        var due: UInt64
    }

    /// Creates the rules with a tuning.
    public init(config: ArenaConfig = ArenaConfig()) {
        self.config = config
    }

    /// A factory for `RelayConfiguration.rules`: arena rules for each universe's tick rate with this population.
    public static func factory(asteroids: Int = 160, npcs: Int = 40) -> GameRulesFactory {
        { _, universe in
            ArenaRules(config: ArenaConfig(tickRate: universe.tickRate, asteroidCount: asteroids, npcCount: npcs))
        }
    }

    public var schema: GameSchema { ArenaRules.gameSchema }

    public mutating func setUp(world: inout World) {
        replenish(world: &world, limit: Int.max)
    }

    public mutating func playerJoined(_ player: UInt32, world: inout World) {
        spawnShip(for: player, world: &world)
        countPlayers(by: 1, world: &world)
    }

    public mutating func playerLeft(_ player: UInt32, world: inout World) {
        countPlayers(by: -1, world: &world)
        respawns.removeAll { $0.player == player }
        if let avatar = world.avatar(of: player), avatar != 0 {
            world.destroy(avatar, reason: .ownerLeft)
        }
    }

    public mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {
        guard let avatar = world.avatar(of: player), avatar != 0, let ship = world.entity(avatar) else { return }
        let speed = Int32(Int64(config.shipMaxSpeed) * Int64(input.throttle) / 255)
        let velocity = Trig.vector(heading: input.heading, length: speed)
        world.setMotion(avatar, vx: velocity.x, vy: velocity.y, heading: input.heading)
        guard input.fires, let readyAt = world.userData(of: avatar), Int64(world.tick) >= readyAt else { return }
        world.setUserData(avatar, Int64(world.tick &+ config.fireCooldown))
        let offset = Trig.vector(heading: input.heading, length: ship.radius + config.projectileRadius + 1)
        let shot = Trig.vector(heading: input.heading, length: config.projectileSpeed)
        world.spawn(kind: ArenaKind.projectile, x: ship.x &+ offset.x, y: ship.y &+ offset.y, vx: shot.x, vy: shot.y,
                    heading: input.heading, radius: config.projectileRadius, owner: player,
                    lifetime: config.projectileLifetime)
    }

    public mutating func entityWoke(_ entity: EntityState, world: inout World) {
        guard entity.kind == ArenaKind.npcShip else { return }
        let heading = world.randomHeading()
        let velocity = Trig.vector(heading: heading, length: config.npcSpeed)
        world.setMotion(entity.id, vx: velocity.x, vy: velocity.y, heading: heading)
        world.setWake(entity.id, afterTicks: nextTurn(world: &world))
    }

    public mutating func step(world: inout World) {
        while let first = respawns.first, first.due <= world.tick {
            respawns.removeFirst()
            if world.avatar(of: first.player) == 0 { spawnShip(for: first.player, world: &world) }
        }
        replenish(world: &world, limit: config.replenishPerTick)
    }

    public mutating func collision(_ first: EntityState, _ second: EntityState, world: inout World) {
        if first.kind == ArenaKind.projectile || second.kind == ArenaKind.projectile {
            let (shot, target) = first.kind == ArenaKind.projectile ? (first, second) : (second, first)
            guard target.kind != ArenaKind.projectile, shot.owner == 0 || target.owner != shot.owner else { return }
            world.destroy(target.id, reason: .shot)
            world.destroy(shot.id, reason: .collision)
            if let score = world.playerState(ArenaRules.score, of: shot.owner)?.int {
                world.setPlayerState(ArenaRules.score, of: shot.owner, to: .int(score &+ 1))
            }
            return
        }
        let firstIsShip = isShip(first.kind)
        let secondIsShip = isShip(second.kind)
        if firstIsShip && (secondIsShip || second.kind == ArenaKind.asteroid) {
            world.destroy(first.id, reason: .collision)
        }
        if secondIsShip && (firstIsShip || first.kind == ArenaKind.asteroid) {
            world.destroy(second.id, reason: .collision)
        }
    }

    public mutating func avatarLost(player: UInt32, reason: DestroyReason, world: inout World) {
        respawns.append(Respawn(player: player, due: world.tick &+ config.respawnDelay))
    }

    /// Saves the tuning and the pending respawns.
    public func saveState(into writer: inout StateWriter) {
        writer.write(ArenaRules.stateVersion)
        config.save(into: &writer)
        writer.write(UInt32(respawns.count))
        for respawn in respawns {
            writer.write(respawn.player)
            writer.write(respawn.due)
        }
    }

    /// Restores what `saveState(into:)` wrote.
    public mutating func restoreState(from reader: inout StateReader) throws(StateError) {
        let start = reader.offset
        let version = try reader.read(UInt8.self)
        guard version == ArenaRules.stateVersion else {
            throw .invalid("arena state version \(version)", offset: start)
        }
        config = try ArenaConfig(from: &reader)
        let count = Int(try reader.read(UInt32.self))
        guard count <= reader.remaining / 12 else { throw .invalid("\(count) respawns", offset: reader.offset) }
        respawns = []
        for _ in 0..<count {
            respawns.append(Respawn(player: try reader.read(), due: try reader.read()))
        }
    }

    /// The layout version of the saved state.
    private static let stateVersion: UInt8 = 1

    private func countPlayers(by change: Int64, world: inout World) {
        let count = world.universeState(ArenaRules.players)?.int ?? 0
        world.setUniverseState(ArenaRules.players, to: .int(count &+ change))
    }

    private func isShip(_ kind: UInt8) -> Bool {
        kind == ArenaKind.playerShip || kind == ArenaKind.npcShip
    }

    private func spawnShip(for player: UInt32, world: inout World) {
        let spot = world.randomFreeSpot(clearance: config.spawnClearance, margin: config.shipRadius)
        let heading = world.randomHeading()
        let ship = world.spawn(kind: ArenaKind.playerShip, x: spot.x, y: spot.y, heading: heading,
                               radius: config.shipRadius, owner: player, userData: 0)
        world.setAvatar(of: player, to: ship)
    }

    private func replenish(world: inout World, limit: Int) {
        var spawned = 0
        while spawned < limit && world.count(ofKind: ArenaKind.asteroid) < config.asteroidCount {
            let radius = world.random(in: config.asteroidMinRadius...max(config.asteroidMinRadius,
                                                                          config.asteroidMaxRadius))
            let spot = world.randomFreeSpot(clearance: radius + config.spawnClearance, margin: radius)
            let drift = Trig.vector(heading: world.randomHeading(),
                                    length: world.random(in: 0...max(config.asteroidMaxSpeed, 0)))
            world.spawn(kind: ArenaKind.asteroid, x: spot.x, y: spot.y, vx: drift.x, vy: drift.y,
                        heading: world.randomHeading(), radius: radius)
            spawned += 1
        }
        spawned = 0
        while spawned < limit && world.count(ofKind: ArenaKind.npcShip) < config.npcCount {
            let spot = world.randomFreeSpot(clearance: config.spawnClearance, margin: config.npcRadius)
            let heading = world.randomHeading()
            let velocity = Trig.vector(heading: heading, length: config.npcSpeed)
            world.spawn(kind: ArenaKind.npcShip, x: spot.x, y: spot.y, vx: velocity.x, vy: velocity.y,
                        heading: heading, radius: config.npcRadius, wakeAfter: nextTurn(world: &world))
            spawned += 1
        }
    }

    private func nextTurn(world: inout World) -> UInt64 {
        let low = config.npcTurnMinTicks
        let high = max(config.npcTurnMaxTicks, low)
        return max(low &+ world.random(below: high - low + 1), 1)
    }
}
