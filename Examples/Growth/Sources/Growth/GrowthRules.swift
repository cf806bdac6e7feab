import OrreryWorld

/// A growth game in the style of agar.io: each player steers a cell (heading and throttle) that eats the
/// pellets and the smaller cells its radius covers. Eating raises the score, the score sets the radius, a bigger
/// cell is slower, a large score slowly decays; an eaten cell comes back after `respawnDelay` with score 0.
///
/// Scopes: a cell's `name`, `score` and `radius` are entity properties (they change all the time); `best` and
/// `eaten` are private; the leaderboard and the pellet count are universe state. Messages: "eaten" to the
/// observers of the eaten cell, "respawned" to its player. Eating is decided in `step` from the `radius`
/// property (the entity record keeps the radius a cell was born with). Deterministic: the only randomness is
/// the world's.
public struct GrowthRules: GameRules {
    /// The tuning.
    public private(set) var config: GrowthConfig
    private var cells: [UInt32: Cell] = [:]

    private struct Cell: Sendable {
        var name: String
        var heading: UInt16 = 0
        var throttle: UInt8 = 0
        var respawnAt: UInt64?
        var eatenBy = ""
    }

    /// Creates the rules with a tuning.
    public init(config: GrowthConfig = GrowthConfig()) {
        self.config = config
    }

    public var schema: GameSchema { GrowthSchema.schema }

    public mutating func setUp(world: inout World) {
        replenish(world: &world, limit: config.pellets)
    }

    public mutating func playerJoined(_ player: UInt32, world: inout World) {
        var name = world.identity(of: player)?.name ?? ""
        while name.utf8.count > 16 { name.removeLast() }
        cells[player] = Cell(name: name.isEmpty ? "cell-\(player)" : name)
        spawnCell(for: player, world: &world)
    }

    public mutating func playerLeft(_ player: UInt32, world: inout World) {
        cells[player] = nil
    }

    public mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {
        cells[player]?.heading = input.heading
        cells[player]?.throttle = input.throttle
        steer(player, world: &world)
    }

    public mutating func step(world: inout World) {
        for player in world.playerIDs {
            guard let due = cells[player]?.respawnAt, due <= world.tick else { continue }
            cells[player]?.respawnAt = nil
            spawnCell(for: player, world: &world)
            world.send(GrowthSchema.respawned, text: "eaten by \(cells[player]?.eatenBy ?? "?"), back with 0",
                       to: .player(player))
        }
        for player in world.playerIDs { eat(for: player, world: &world) }
        if world.tick % UInt64(world.tickRate) == 0 {
            decay(world: &world)
            world.setUniverseState(GrowthSchema.leaderboard, to: .string(leaderboard(world: world)))
        }
        for player in world.playerIDs { steer(player, world: &world) }
        replenish(world: &world, limit: config.pelletsPerTick)
        world.setUniverseState(GrowthSchema.pellets, to: .int(Int64(world.count(ofKind: GrowthSchema.Kind.pellet))))
    }

    public mutating func avatarLost(player: UInt32, reason: DestroyReason, world: inout World) {
        cells[player]?.respawnAt = world.tick &+ config.respawnDelay
    }

    // MARK: Cells

    /// The radius of a cell with this score: `startRadius + 256 * sqrt(score)` (integer square root).
    public func radius(forScore score: Int64) -> Int32 {
        config.startRadius + Int32(clamping: Self.squareRoot(max(score, 0) * 65536))
    }

    /// The speed of a cell with this radius.
    public func speed(forRadius radius: Int32) -> Int32 {
        Int32(Int64(config.startSpeed) * 2 * Int64(config.startRadius) / (Int64(radius) + Int64(config.startRadius)))
    }

    private func currentRadius(_ cell: UInt32, world: World) -> Int32 {
        Int32(clamping: world.property(GrowthSchema.radius, of: cell)?.int ?? Int64(config.startRadius))
    }

    private mutating func spawnCell(for player: UInt32, world: inout World) {
        guard let cell = cells[player] else { return }
        let spot = world.randomFreeSpot(clearance: config.startRadius * 3, margin: config.startRadius)
        let avatar = world.spawn(kind: GrowthSchema.Kind.cell, x: spot.x, y: spot.y, heading: cell.heading,
                                 radius: config.startRadius, owner: player)
        world.setProperty(GrowthSchema.name, of: avatar, to: .string(cell.name))
        world.setProperty(GrowthSchema.radius, of: avatar, to: .int(Int64(config.startRadius)))
        world.setAvatar(of: player, to: avatar)
        steer(player, world: &world)
    }

    /// Sets the cell's velocity from the player's last heading and throttle and the cell's radius.
    private func steer(_ player: UInt32, world: inout World) {
        guard let cell = cells[player], let avatar = world.avatar(of: player), avatar != 0 else { return }
        let speed = Int64(speed(forRadius: currentRadius(avatar, world: world))) * Int64(cell.throttle) / 255
        let velocity = Trig.vector(heading: cell.heading, length: Int32(speed))
        world.setMotion(avatar, vx: velocity.x, vy: velocity.y, heading: cell.heading)
    }

    /// The player's cell eats every pellet whose centre it covers and every cell small enough whose centre it
    /// covers.
    private mutating func eat(for player: UInt32, world: inout World) {
        guard let avatar = world.avatar(of: player), avatar != 0, let me = world.entity(avatar) else { return }
        let reach = currentRadius(avatar, world: world)
        var pellets: [UInt32] = []
        var victims: [EntityState] = []
        world.forEachEntity(nearX: me.x, y: me.y, radius: reach) { other in
            let dx = Int64(other.x) - Int64(me.x), dy = Int64(other.y) - Int64(me.y)
            guard other.id != me.id, dx * dx + dy * dy <= Int64(reach) * Int64(reach) else { return }
            if other.kind == GrowthSchema.Kind.pellet {
                pellets.append(other.id)
            } else if other.kind == GrowthSchema.Kind.cell,
                      Int64(currentRadius(other.id, world: world)) * 100 <= Int64(reach) * config.edibleRadiusPercent {
                victims.append(other)
            }
        }
        guard !pellets.isEmpty || !victims.isEmpty else { return }
        var gain = Int64(pellets.count)
        for pellet in pellets.sorted() { world.destroy(pellet, reason: .collision) }
        let name = cells[player]?.name ?? "?"
        for victim in victims.sorted(by: { $0.id < $1.id }) {
            gain += (world.property(GrowthSchema.score, of: victim.id)?.int ?? 0) + 10
            cells[victim.owner]?.eatenBy = name
            let victimName = cells[victim.owner]?.name ?? "?"
            world.send(GrowthSchema.eatenMessage, text: "\(name) ate \(victimName)", to: .observers(ofEntity: victim.id))
            world.destroy(victim.id, reason: .collision)
        }
        if !victims.isEmpty {
            let eaten = (world.playerState(GrowthSchema.eaten, of: player)?.int ?? 0) + Int64(victims.count)
            world.setPlayerState(GrowthSchema.eaten, of: player, to: .int(eaten))
        }
        setScore((world.property(GrowthSchema.score, of: avatar)?.int ?? 0) + gain, of: avatar, player: player,
                 world: &world)
    }

    private func setScore(_ score: Int64, of cell: UInt32, player: UInt32, world: inout World) {
        world.setProperty(GrowthSchema.score, of: cell, to: .int(score))
        world.setProperty(GrowthSchema.radius, of: cell, to: .int(Int64(radius(forScore: score))))
        if score > world.playerState(GrowthSchema.best, of: player)?.int ?? 0 {
            world.setPlayerState(GrowthSchema.best, of: player, to: .int(score))
        }
    }

    private func decay(world: inout World) {
        for player in world.playerIDs {
            guard let avatar = world.avatar(of: player), avatar != 0,
                  let score = world.property(GrowthSchema.score, of: avatar)?.int, score > config.decayFrom else { continue }
            setScore(score - score / config.decayDivisor, of: avatar, player: player, world: &world)
        }
    }

    /// The top five cells, "name score" by descending score (ties: lower player id first), cut to 255 bytes.
    private func leaderboard(world: World) -> String {
        var ranked: [(score: Int64, player: UInt32, name: String)] = []
        for player in world.playerIDs {
            guard let avatar = world.avatar(of: player), avatar != 0, let name = cells[player]?.name else { continue }
            ranked.append((world.property(GrowthSchema.score, of: avatar)?.int ?? 0, player, name))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.player < $1.player }
        var text = ""
        for entry in ranked.prefix(5) {
            let item = (text.isEmpty ? "" : " | ") + "\(entry.name) \(entry.score)"
            guard text.utf8.count + item.utf8.count <= 255 else { break }
            text += item
        }
        return text
    }

    private func replenish(world: inout World, limit: Int) {
        var spawned = 0
        while spawned < limit && world.count(ofKind: GrowthSchema.Kind.pellet) < config.pellets {
            let spot = world.randomFreeSpot(clearance: config.pelletRadius, margin: config.pelletRadius, attempts: 4)
            world.spawn(kind: GrowthSchema.Kind.pellet, x: spot.x, y: spot.y, radius: config.pelletRadius)
            spawned += 1
        }
    }

    /// The integer square root: the largest r with r * r ≤ n (n ≥ 0).
    static func squareRoot(_ n: Int64) -> Int64 {
        guard n > 1 else { return max(n, 0) }
        var root = Int64(Double(n).squareRoot())
        while root * root > n { root -= 1 }
        while (root + 1) * (root + 1) <= n { root += 1 }
        return root
    }

    /// Saves the tuning and every cell (by player id): name, steering, respawn tick and who ate it.
    public func saveState(into writer: inout StateWriter) {
        writer.write(UInt8(1))
        for value in [Int64(config.pellets), Int64(config.pelletsPerTick), config.edibleRadiusPercent, config.decayFrom,
                      config.decayDivisor] {
            writer.write(value)
        }
        for value in [config.pelletRadius, config.startRadius, config.startSpeed] { writer.write(value) }
        writer.write(config.respawnDelay)
        writer.write(UInt32(cells.count))
        for player in cells.keys.sorted() {
            let cell = cells[player]!
            writer.write(player)
            writer.write(cell.name)
            writer.write(cell.heading)
            writer.write(cell.throttle)
            writer.write(cell.respawnAt)
            writer.write(cell.eatenBy)
        }
    }

    /// Restores what `saveState(into:)` wrote.
    public mutating func restoreState(from reader: inout StateReader) throws(StateError) {
        let start = reader.offset
        guard try reader.read(UInt8.self) == 1 else { throw .invalid("growth state version", offset: start) }
        config.pellets = Int(try reader.read(Int64.self))
        config.pelletsPerTick = Int(try reader.read(Int64.self))
        config.edibleRadiusPercent = try reader.read()
        config.decayFrom = try reader.read()
        config.decayDivisor = try reader.read()
        config.pelletRadius = try reader.read()
        config.startRadius = try reader.read()
        config.startSpeed = try reader.read()
        config.respawnDelay = try reader.read()
        cells = [:]
        for _ in 0..<(try reader.read(UInt32.self)) {
            let player = try reader.read(UInt32.self)
            cells[player] = Cell(name: try reader.read(), heading: try reader.read(), throttle: try reader.read(),
                                 respawnAt: try reader.read(UInt64?.self), eatenBy: try reader.read())
        }
    }
}
