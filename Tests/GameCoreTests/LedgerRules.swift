import OrreryWorld

/// A small test game that uses every part of the game-state API on a busy schedule: entity properties of each type
/// (a ship's name from its player's identity, coins whose hit points, tags and names change), private state of each
/// type, universe state of each type, and messages to one player, to the observers of an entity (also of one
/// destroyed in the same tick) and to the universe. Coins jump around so views change all the time.
struct LedgerRules: GameRules {
    static let ship: UInt8 = 1
    static let coin: UInt8 = 2

    let schema = GameSchema(
        game: "ledger",
        kinds: [EntityKindStyle(code: ship, name: "ship", shape: .triangle, color: 0x33CC55, glyph: "▲",
                                label: EntityProperty(index: 1)),
                EntityKindStyle(code: coin, name: "coin", shape: .circle, color: 0xFFCC00, glyph: "o")],
        entityProperties: [PropertySpec(name: "hp", type: .int), PropertySpec(name: "name", type: .string(maxLength: 12)),
                           PropertySpec(name: "tag", type: .bytes(maxLength: 4))],
        playerProperties: [PropertySpec(name: "ammo", type: .int), PropertySpec(name: "bag", type: .bytes(maxLength: 8)),
                           PropertySpec(name: "title", type: .string(maxLength: 10))],
        universeProperties: [PropertySpec(name: "clock", type: .int),
                             PropertySpec(name: "leader", type: .string(maxLength: 16)),
                             PropertySpec(name: "board", type: .bytes(maxLength: 16))],
        messages: [MessageSpec(name: "chat", format: .text), MessageSpec(name: "hit", format: .bytes),
                   MessageSpec(name: "note", format: .text)],
        commands: [MessageSpec(name: "say", format: .text), MessageSpec(name: "buy", format: .bytes)],
        inputPayloadMaxBytes: 8)

    private let hp = EntityProperty(index: 0)
    private let name = EntityProperty(index: 1)
    private let tag = EntityProperty(index: 2)
    private let ammo = PlayerProperty(index: 0)
    private let bag = PlayerProperty(index: 1)
    private let title = PlayerProperty(index: 2)
    private let clock = UniverseProperty(index: 0)
    private let leader = UniverseProperty(index: 1)
    private let board = UniverseProperty(index: 2)
    private let chat = GameMessageKind(code: 0)
    private let hit = GameMessageKind(code: 1)
    private let note = GameMessageKind(code: 2)
    /// Coins alive, in creation order.
    private var coins: [UInt32] = []
    let coinCount: Int

    init(coins: Int = 40) {
        coinCount = coins
    }

    mutating func setUp(world: inout World) {
        for _ in 0..<coinCount { spawnCoin(&world) }
    }

    private mutating func spawnCoin(_ world: inout World) {
        let id = world.spawn(kind: Self.coin, x: world.random(in: 0...(world.width - 1)),
                             y: world.random(in: 0...(world.height - 1)), vx: world.random(in: -300...300),
                             vy: world.random(in: -300...300), radius: 256)
        if world.random(below: 2) == 0 { world.setProperty(hp, of: id, to: .int(Int64(world.random(below: 100)))) }
        coins.append(id)
    }

    mutating func playerJoined(_ player: UInt32, world: inout World) {
        let ship = world.spawn(kind: Self.ship, x: world.random(in: 0...(world.width - 1)),
                               y: world.random(in: 0...(world.height - 1)), radius: 512, owner: player)
        world.setAvatar(of: player, to: ship)
        let identity = world.identity(of: player)
        world.setProperty(name, of: ship, to: .string(identity?.name ?? "p\(player)"))
        world.setProperty(hp, of: ship, to: .int(Int64(identity?.account ?? 0)))
        world.setPlayerState(ammo, of: player, to: .int(10))
        world.send(note, text: "welcome p\(player)", to: .player(player))
    }

    mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {
        guard let ship = world.avatar(of: player), ship != 0 else { return }
        let speed = Int32(input.throttle) * 2
        world.setVelocity(ship, vx: input.heading < 32768 ? speed : -speed, vy: Int32(input.actions) * 50)
        world.setPlayerState(bag, of: player, to: .bytes(input.payload))
    }

    mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {
        switch command.kind.code {
        case 0: world.send(chat, payload: command.payload, to: .universe)
        default:
            let current = world.playerState(ammo, of: player)?.int ?? 0
            world.setPlayerState(ammo, of: player, to: .int(current + Int64(command.payload.count)))
        }
    }

    mutating func step(world: inout World) {
        let tick = world.tick
        world.setUniverseState(clock, to: .int(Int64(tick)))
        if tick % 11 == 0 { world.setUniverseState(leader, to: .string(tick % 22 == 0 ? "" : "p\(tick % 7)")) }
        if tick % 13 == 0 { world.setUniverseState(board, to: .bytes((0..<UInt8(tick % 17)).map { $0 })) }
        guard !coins.isEmpty else { return }
        for _ in 0..<3 {
            let coin = coins[Int(world.random(below: UInt64(coins.count)))]
            switch world.random(below: 5) {
            case 0: world.setProperty(hp, of: coin, to: .int(Int64(world.random(below: 3)) - 1))
            case 1: world.setProperty(name, of: coin, to: .string(world.random(below: 3) == 0 ? "" : "c\(tick % 99)"))
            case 2: world.setProperty(tag, of: coin, to: .bytes((0..<UInt8(world.random(below: 5))).map { $0 }))
            case 3: world.teleport(coin, x: world.random(in: 0...(world.width - 1)),
                                   y: world.random(in: 0...(world.height - 1)))
            default: world.send(hit, payload: [UInt8(tick & 0xFF)], to: .observers(ofEntity: coin))
            }
        }
        if tick % 7 == 0 {
            let index = Int(world.random(below: UInt64(coins.count)))
            let coin = coins.remove(at: index)
            world.send(hit, payload: [0xDE, 0xAD], to: .observers(ofEntity: coin))
            world.destroy(coin, reason: .shot)
            spawnCoin(&world)
        }
        let players = world.playerIDs
        if tick % 5 == 0, !players.isEmpty {
            let player = players[Int(world.random(below: UInt64(players.count)))]
            world.setPlayerState(ammo, of: player, to: .int(Int64(world.random(below: 4))))
            world.setPlayerState(title, of: player, to: .string(tick % 10 == 0 ? "" : "ace"))
            world.send(note, text: "tick \(tick)", to: .player(player))
        }
    }
}
