import OrreryWorld

/// Capture the flag: two teams of runners, a flag in each team's base. Touch the other team's flag to carry it,
/// bring it to your own base while your own flag is home to score; shoot (fire bit) to tag an opponent, who drops
/// what they carry and runs again from their base. Touch your own dropped flag to send it home. A round ends at
/// `winningScore` captures or after `roundTicks`.
///
/// Scopes: a runner's `name`, `team` and `tags`, a flag's `carrier` are entity properties; `ammo` is private (refilled
/// in your own base); the score, round and clock are universe state. Messages: chat (from the chat command),
/// flag news to the flag's observers, captures and round results to everyone, "tagged" to the tagged player.
/// Deterministic: the only randomness is the world's.
public struct CaptureRules: GameRules {
    /// The tuning (saved with the rules' state, so a journal replays with the recorded tuning).
    public private(set) var config: CaptureConfig
    private var runners: [UInt32: Runner] = [:]
    private var flags: [UInt32] = []
    private var bases: [(x: Int32, y: Int32)] = []
    private var roundEnds: UInt64 = 0

    private struct Runner: Sendable {
        var team: Team
        var name: String
        var readyToFire: UInt64 = 0
        var respawnAt: UInt64?
    }

    /// Creates the rules with a tuning.
    public init(config: CaptureConfig = CaptureConfig()) {
        self.config = config
    }

    public var schema: GameSchema { CaptureSchema.schema }

    /// The centre of a team's base (and home of its flag) in a world of this size: red at an eighth of the width
    /// from the west edge, blue as far from the east edge, both half way up.
    public static func base(of team: Team, width: Int32, height: Int32) -> (x: Int32, y: Int32) {
        (team == .red ? width / 8 : width - width / 8, height / 2)
    }

    public mutating func setUp(world: inout World) {
        for team in Team.allCases {
            let (x, y) = Self.base(of: team, width: world.width, height: world.height)
            bases.append((x, y))
            let base = world.spawn(kind: team.baseKind, x: x, y: y, radius: config.baseRadius)
            world.setProperty(CaptureSchema.team, of: base, to: .int(team.rawValue))
            let flag = world.spawn(kind: team.flagKind, x: x, y: y, radius: config.flagRadius)
            world.setProperty(CaptureSchema.team, of: flag, to: .int(team.rawValue))
            flags.append(flag)
        }
        startRound(world: &world)
    }

    public mutating func playerJoined(_ player: UInt32, world: inout World) {
        let reds = runners.values.filter { $0.team == .red }.count
        let team: Team = reds <= runners.count - reds ? .red : .blue
        var name = world.identity(of: player)?.name ?? ""
        while name.utf8.count > 16 { name.removeLast() }
        runners[player] = Runner(team: team, name: name.isEmpty ? "runner-\(player)" : name)
        spawnRunner(for: player, world: &world)
    }

    public mutating func playerLeft(_ player: UInt32, world: inout World) {
        if let avatar = world.avatar(of: player), avatar != 0 { dropFlags(carriedBy: avatar, world: &world) }
        runners[player] = nil
    }

    public mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {
        guard let avatar = world.avatar(of: player), avatar != 0, let runner = world.entity(avatar),
              var state = runners[player] else { return }
        var speed = Int64(config.runnerSpeed) * Int64(input.throttle) / 255
        if flag(carriedBy: avatar, world: world) != nil { speed = speed * Int64(config.carrierSpeedPercent) / 100 }
        let velocity = Trig.vector(heading: input.heading, length: Int32(speed))
        world.setMotion(avatar, vx: velocity.x, vy: velocity.y, heading: input.heading)
        guard input.fires, world.tick >= state.readyToFire,
              let ammo = world.playerState(CaptureSchema.ammo, of: player)?.int, ammo > 0 else { return }
        state.readyToFire = world.tick &+ config.fireCooldown
        runners[player] = state
        world.setPlayerState(CaptureSchema.ammo, of: player, to: .int(ammo - 1))
        let offset = Trig.vector(heading: input.heading, length: runner.radius + config.shotRadius + 1)
        let shot = Trig.vector(heading: input.heading, length: config.shotSpeed)
        let id = world.spawn(kind: CaptureSchema.Kind.shot, x: runner.x &+ offset.x, y: runner.y &+ offset.y,
                             vx: shot.x, vy: shot.y, heading: input.heading, radius: config.shotRadius,
                             owner: player, lifetime: config.shotLifetime)
        world.setProperty(CaptureSchema.team, of: id, to: .int(state.team.rawValue))
    }

    public mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {
        guard command.kind == CaptureSchema.chatCommand, let runner = runners[player] else { return }
        let text = String(decoding: command.payload, as: UTF8.self)
        world.send(CaptureSchema.chat, text: "\(runner.name): \(text)", to: .universe)
    }

    public mutating func step(world: inout World) {
        for player in world.playerIDs {
            guard let due = runners[player]?.respawnAt, due <= world.tick else { continue }
            runners[player]?.respawnAt = nil
            spawnRunner(for: player, world: &world)
        }
        for flag in flags { follow(flag, world: &world) }
        if world.tick % config.reloadTicks == 0 { reload(world: &world) }
        if world.tick >= roundEnds {
            endRound(world: &world)
        } else {
            let left = (roundEnds - world.tick + UInt64(world.tickRate) - 1) / UInt64(world.tickRate)
            world.setUniverseState(CaptureSchema.timeLeft, to: .int(Int64(left)))
        }
    }

    public mutating func collision(_ first: EntityState, _ second: EntityState, world: inout World) {
        for (one, other) in [(first, second), (second, first)] {
            switch one.kind {
            case CaptureSchema.Kind.shot where isRunner(other): shot(one, hits: other, world: &world)
            case CaptureSchema.Kind.redFlag, CaptureSchema.Kind.blueFlag where isRunner(other):
                touch(flag: one, runner: other, world: &world)
            case CaptureSchema.Kind.redBase, CaptureSchema.Kind.blueBase where isRunner(other):
                enter(base: one, runner: other, world: &world)
            default: continue
            }
            return
        }
    }

    public mutating func avatarLost(player: UInt32, reason: DestroyReason, world: inout World) {
        runners[player]?.respawnAt = world.tick &+ config.respawnDelay
    }

    // MARK: Play

    private func isRunner(_ entity: EntityState) -> Bool {
        entity.kind == CaptureSchema.Kind.redRunner || entity.kind == CaptureSchema.Kind.blueRunner
    }

    private mutating func spawnRunner(for player: UInt32, world: inout World) {
        guard let runner = runners[player] else { return }
        let base = bases[runner.team == .red ? 0 : 1]
        let spread = config.baseRadius / 2
        let x = base.x &+ world.random(in: -spread...spread)
        let y = base.y &+ world.random(in: -spread...spread)
        let heading: UInt16 = runner.team == .red ? 0 : 32768
        let avatar = world.spawn(kind: runner.team.runnerKind, x: x, y: y, heading: heading,
                                 radius: config.runnerRadius, owner: player)
        world.setProperty(CaptureSchema.name, of: avatar, to: .string(runner.name))
        world.setProperty(CaptureSchema.team, of: avatar, to: .int(runner.team.rawValue))
        world.setAvatar(of: player, to: avatar)
        world.setPlayerState(CaptureSchema.ammo, of: player, to: .int(config.ammo))
    }

    private mutating func shot(_ shot: EntityState, hits target: EntityState, world: inout World) {
        guard let shooter = runners[shot.owner], Team(kind: target.kind) != shooter.team else { return }
        world.destroy(shot.id, reason: .collision)
        dropFlags(carriedBy: target.id, world: &world)
        world.destroy(target.id, reason: .shot)
        world.send(CaptureSchema.tagged, text: "tagged by \(shooter.name)", to: .player(target.owner))
        if let avatar = world.avatar(of: shot.owner), avatar != 0 {
            let tags = (world.property(CaptureSchema.tags, of: avatar)?.int ?? 0) + 1
            world.setProperty(CaptureSchema.tags, of: avatar, to: .int(tags))
        }
    }

    private func name(of runner: EntityState) -> String {
        runners[runner.owner]?.name ?? "runner-\(runner.owner)"
    }

    private mutating func touch(flag: EntityState, runner: EntityState, world: inout World) {
        guard let team = Team(kind: flag.kind), carrier(of: flag.id, world: world) == 0,
              let flag = world.entity(flag.id), Self.overlap(flag, runner) else { return }
        if Team(kind: runner.kind) == team {
            guard !isHome(flag, team: team) else { return }
            sendHome(flag.id, team: team, world: &world)
            world.send(CaptureSchema.flagNews, text: "\(name(of: runner)) returned the \(team) flag",
                       to: .observers(ofEntity: flag.id))
        } else if self.flag(carriedBy: runner.id, world: world) == nil {
            world.setProperty(CaptureSchema.carrier, of: flag.id, to: .int(Int64(runner.id)))
            follow(flag.id, world: &world)
            world.send(CaptureSchema.flagNews, text: "\(name(of: runner)) took the \(team) flag",
                       to: .observers(ofEntity: flag.id))
        }
    }

    private mutating func enter(base: EntityState, runner: EntityState, world: inout World) {
        guard let team = Team(kind: base.kind), Team(kind: runner.kind) == team,
              let carried = flag(carriedBy: runner.id, world: world),
              let own = world.entity(flags[team == .red ? 0 : 1]), isHome(own, team: team) else { return }
        sendHome(carried, team: team.opponent, world: &world)
        let score = team == .red ? CaptureSchema.redScore : CaptureSchema.blueScore
        let captures = (world.universeState(score)?.int ?? 0) + 1
        world.setUniverseState(score, to: .int(captures))
        world.send(CaptureSchema.captured, text: "\(name(of: runner)) captured the \(team.opponent) flag for \(team)",
                   to: .universe)
        if captures >= config.winningScore { endRound(world: &world) }
    }

    // MARK: Flags

    /// Whether two circles overlap (a flag sent home earlier in the collision phase no longer touches).
    private static func overlap(_ first: EntityState, _ second: EntityState) -> Bool {
        let dx = Int64(first.x) - Int64(second.x), dy = Int64(first.y) - Int64(second.y)
        let reach = Int64(first.radius) + Int64(second.radius)
        return dx * dx + dy * dy <= reach * reach
    }

    private func carrier(of flag: UInt32, world: World) -> UInt32 {
        UInt32(truncatingIfNeeded: world.property(CaptureSchema.carrier, of: flag)?.int ?? 0)
    }

    /// The flag this runner carries, if any.
    private func flag(carriedBy runner: UInt32, world: World) -> UInt32? {
        flags.first { carrier(of: $0, world: world) == runner }
    }

    private func isHome(_ flag: EntityState, team: Team) -> Bool {
        let base = bases[team == .red ? 0 : 1]
        return flag.x == base.x && flag.y == base.y
    }

    /// Keeps a carried flag on its carrier: same position and velocity, so both move alike until the next input.
    private func follow(_ flag: UInt32, world: inout World) {
        let runner = carrier(of: flag, world: world)
        guard runner != 0, let carrier = world.entity(runner), let state = world.entity(flag) else { return }
        if state.x != carrier.x || state.y != carrier.y { world.teleport(flag, x: carrier.x, y: carrier.y) }
        world.setVelocity(flag, vx: carrier.vx, vy: carrier.vy)
    }

    private func dropFlags(carriedBy runner: UInt32, world: inout World) {
        guard let flag = flag(carriedBy: runner, world: world), let team = Team(kind: world.entity(flag)?.kind ?? 0)
        else { return }
        world.setProperty(CaptureSchema.carrier, of: flag, to: .int(0))
        world.setVelocity(flag, vx: 0, vy: 0)
        world.send(CaptureSchema.flagNews, text: "the \(team) flag was dropped", to: .observers(ofEntity: flag))
    }

    private func sendHome(_ flag: UInt32, team: Team, world: inout World) {
        let base = bases[team == .red ? 0 : 1]
        world.setProperty(CaptureSchema.carrier, of: flag, to: .int(0))
        world.setVelocity(flag, vx: 0, vy: 0)
        world.teleport(flag, x: base.x, y: base.y)
    }

    // MARK: Ammo and rounds

    private func reload(world: inout World) {
        for player in world.playerIDs {
            guard let team = runners[player]?.team, let avatar = world.avatar(of: player), avatar != 0,
                  let runner = world.entity(avatar),
                  let ammo = world.playerState(CaptureSchema.ammo, of: player)?.int, ammo < config.ammo else { continue }
            let base = bases[team == .red ? 0 : 1]
            let dx = Int64(runner.x - base.x), dy = Int64(runner.y - base.y)
            let reach = Int64(config.baseRadius)
            if dx * dx + dy * dy <= reach * reach {
                world.setPlayerState(CaptureSchema.ammo, of: player, to: .int(ammo + 1))
            }
        }
    }

    private mutating func startRound(world: inout World) {
        roundEnds = world.tick &+ config.roundTicks
        let round = (world.universeState(CaptureSchema.round)?.int ?? 0) + 1
        world.setUniverseState(CaptureSchema.round, to: .int(round))
        world.setUniverseState(CaptureSchema.redScore, to: .int(0))
        world.setUniverseState(CaptureSchema.blueScore, to: .int(0))
        world.setUniverseState(CaptureSchema.timeLeft,
                               to: .int(Int64((config.roundTicks + UInt64(world.tickRate) - 1) / UInt64(world.tickRate))))
    }

    private mutating func endRound(world: inout World) {
        let red = world.universeState(CaptureSchema.redScore)?.int ?? 0
        let blue = world.universeState(CaptureSchema.blueScore)?.int ?? 0
        let result = red == blue ? "draw" : (red > blue ? "red wins" : "blue wins")
        let round = world.universeState(CaptureSchema.round)?.int ?? 0
        world.send(CaptureSchema.roundOver, text: "round \(round): \(result) \(red)-\(blue)", to: .universe)
        for (index, flag) in flags.enumerated() { sendHome(flag, team: index == 0 ? .red : .blue, world: &world) }
        startRound(world: &world)
    }

    /// Saves the tuning, the runners (by player id), the flags, the bases and the end of the round.
    public func saveState(into writer: inout StateWriter) {
        writer.write(UInt8(1))
        for value in [config.runnerRadius, config.runnerSpeed, config.carrierSpeedPercent, config.flagRadius,
                      config.baseRadius, config.shotRadius, config.shotSpeed] {
            writer.write(value)
        }
        for value in [config.shotLifetime, config.fireCooldown, config.reloadTicks, config.respawnDelay,
                      config.roundTicks] {
            writer.write(value)
        }
        writer.write(config.ammo)
        writer.write(config.winningScore)
        writer.write(UInt32(runners.count))
        for player in runners.keys.sorted() {
            let runner = runners[player]!
            writer.write(player)
            writer.write(runner.team.rawValue)
            writer.write(runner.name)
            writer.write(runner.readyToFire)
            writer.write(runner.respawnAt)
        }
        writer.write(UInt32(flags.count))
        for flag in flags { writer.write(flag) }
        writer.write(UInt32(bases.count))
        for base in bases {
            writer.write(base.x)
            writer.write(base.y)
        }
        writer.write(roundEnds)
    }

    /// Restores what `saveState(into:)` wrote.
    public mutating func restoreState(from reader: inout StateReader) throws(StateError) {
        let start = reader.offset
        guard try reader.read(UInt8.self) == 1 else { throw .invalid("capture state version", offset: start) }
        config.runnerRadius = try reader.read()
        config.runnerSpeed = try reader.read()
        config.carrierSpeedPercent = try reader.read()
        config.flagRadius = try reader.read()
        config.baseRadius = try reader.read()
        config.shotRadius = try reader.read()
        config.shotSpeed = try reader.read()
        config.shotLifetime = try reader.read()
        config.fireCooldown = try reader.read()
        config.reloadTicks = try reader.read()
        config.respawnDelay = try reader.read()
        config.roundTicks = try reader.read()
        config.ammo = try reader.read()
        config.winningScore = try reader.read()
        runners = [:]
        for _ in 0..<(try reader.read(UInt32.self)) {
            let player = try reader.read(UInt32.self)
            let teamOffset = reader.offset
            guard let team = Team(rawValue: try reader.read()) else { throw .invalid("team", offset: teamOffset) }
            runners[player] = Runner(team: team, name: try reader.read(), readyToFire: try reader.read(),
                                     respawnAt: try reader.read(UInt64?.self))
        }
        flags = []
        for _ in 0..<(try reader.read(UInt32.self)) { flags.append(try reader.read()) }
        bases = []
        for _ in 0..<(try reader.read(UInt32.self)) { bases.append((try reader.read(), try reader.read())) }
        roundEnds = try reader.read()
    }
}
