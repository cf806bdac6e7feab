@testable import OrreryWorld
import OrreryArena

/// Rules that do nothing: tests drive the world directly between ticks.
struct InertRules: GameRules {}

/// A client replica following the GAME_MODEL.md rule, fed only by one observer's events and the values an
/// encoder reads for them from the universe right after the step.
struct Replica {
    let observer: UInt32
    var tick: UInt64 = 0
    var entities: [UInt32: EntityState] = [:]
    var avatar: UInt32?
    /// Per entity in view, its properties by index (only the ones ever sent; absent = default).
    var properties: [UInt32: [UInt8: PropertyValue]] = [:]
    var playerState: [UInt8: PropertyValue] = [:]
    var universeState: [UInt8: PropertyValue] = [:]
    /// The messages of the last applied tick.
    var messages: [GameMessage] = []

    /// Advances every entity to `tick` by its velocity, then applies the events in order.
    mutating func apply(tick newTick: UInt64, events: ArraySlice<ViewEvent>, from universe: Universe) {
        let ticks = Int32(truncatingIfNeeded: newTick - tick)
        for index in entities.indices {
            entities.values[index].x &+= ticks &* entities.values[index].vx
            entities.values[index].y &+= ticks &* entities.values[index].vy
        }
        tick = newTick
        messages.removeAll()
        for event in events {
            switch event {
            case .avatar(let id): avatar = id
            case .destroyed(let id, _), .disappeared(let id):
                entities[id] = nil
                properties[id] = nil
            case .appeared(let state):
                entities[state.id] = state
                properties[state.id] = [:]
                for index in universe.nonDefaultProperties(of: state.id) {
                    properties[state.id]![index] = universe.property(EntityProperty(index: index), of: state.id)!
                }
            case .properties(let id, let changed):
                for index in changed {
                    properties[id, default: [:]][index] = universe.property(EntityProperty(index: index), of: id)
                }
            case .playerState(let changed):
                for index in changed {
                    playerState[index] = universe.playerState(PlayerProperty(index: index), of: observer)!
                }
            case .universeState(let changed):
                for index in changed { universeState[index] = universe.universeState(UniverseProperty(index: index))! }
            case .message(let index):
                messages.append(universe.messages[index])
            case .changed(let motion):
                entities[motion.id]!.x = motion.x
                entities[motion.id]!.y = motion.y
                entities[motion.id]!.vx = motion.vx
                entities[motion.id]!.vy = motion.vy
                entities[motion.id]!.heading = motion.heading
            }
        }
    }

    /// How many game-state values differ from the truth the observer may see: the properties of every entity in
    /// view, its private state (a player) and the universe state.
    func gameStateMismatches(in universe: Universe) -> Int {
        let schema = universe.schema
        var mismatches = 0
        for id in universe.visibleEntityIDs(of: observer) ?? [] {
            for index in schema.entityProperties.indices {
                let key = EntityProperty(index: UInt8(index))
                let known = properties[id]?[key.index] ?? schema.entityProperties[index].type.defaultValue
                if known != universe.property(key, of: id) { mismatches += 1 }
            }
        }
        if universe.isSpectator(observer) == false {
            for index in schema.playerProperties.indices {
                let key = PlayerProperty(index: UInt8(index))
                let known = playerState[key.index] ?? schema.playerProperties[index].type.defaultValue
                if known != universe.playerState(key, of: observer) { mismatches += 1 }
            }
        } else if !playerState.isEmpty {
            mismatches += 1
        }
        for index in schema.universeProperties.indices {
            let key = UniverseProperty(index: UInt8(index))
            let known = universeState[key.index] ?? schema.universeProperties[index].type.defaultValue
            if known != universe.universeState(key) { mismatches += 1 }
        }
        return mismatches
    }
}

/// The position of an event's group in GAME_MODEL.md order.
func modelGroup(of event: ViewEvent) -> Int {
    switch event {
    case .avatar: 0
    case .destroyed: 1
    case .disappeared: 2
    case .appeared: 3
    case .changed: 4
    case .properties: 5
    case .playerState: 6
    case .universeState: 7
    case .message: 8
    }
}

/// Whether a tick's events follow GAME_MODEL.md order: avatar, destroyed, disappeared, appeared, changed,
/// properties (each entity group in strictly ascending id), at most one player state and one universe state, then
/// messages in ascending log index.
func isInModelOrder(_ events: ArraySlice<ViewEvent>) -> Bool {
    var previous: (group: Int, key: Int)?
    for event in events {
        let group = modelGroup(of: event)
        var key = Int(event.entityID)
        if case .message(let index) = event { key = index }
        if let previous {
            let single = group == 0 || group == 6 || group == 7
            if group < previous.group || (group == previous.group && (single || key <= previous.key)) {
                return false
            }
        }
        previous = (group, key)
    }
    return true
}

/// Drives players with seeded random inputs.
struct InputDriver {
    var generator: SeededGenerator
    var seqs: [UInt32: UInt32] = [:]

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// Submits a random input for about one player in `oneIn` (with a random payload of 0-4 bytes if `payloads`).
    mutating func drive(_ universe: inout Universe, oneIn: UInt64 = 4, payloads: Bool = false) {
        for player in universe.playerIDs where generator.next(below: oneIn) == 0 {
            let seq = (seqs[player] ?? 0) + 1
            seqs[player] = seq
            let input = PlayerInput(seq: seq, heading: UInt16(truncatingIfNeeded: generator.next()),
                                    throttle: UInt8(truncatingIfNeeded: generator.next()),
                                    actions: generator.next(below: 3) == 0 ? PlayerInput.fire : 0,
                                    payload: payloads ? (0..<generator.next(below: 5)).map { UInt8($0) } : [])
            universe.submitInput(input, from: player)
        }
    }
}

/// An inert universe with a small world and the given view.
func inertUniverse(width: Int32 = 100_000, height: Int32 = 100_000, viewRadius: Int32 = 10_000,
                   hysteresis: Int32 = 1_000, seed: UInt64 = 7) throws -> Universe {
    try Universe(config: UniverseConfig(width: width, height: height, viewRadius: viewRadius,
                                        hysteresis: hysteresis, seed: seed),
                 rules: InertRules())
}

/// A small, busy arena universe.
func arenaUniverse(seed: UInt64, players: Int, asteroids: Int = 160, npcs: Int = 40,
                   side: Int32 = 600 * 256) throws -> Universe {
    let config = UniverseConfig(width: side, height: side, viewRadius: 80 * 256, hysteresis: 8 * 256, seed: seed)
    var universe = try Universe(config: config,
                                rules: ArenaRules(config: ArenaConfig(asteroidCount: asteroids, npcCount: npcs)))
    for _ in 0..<players { _ = universe.join() }
    return universe
}

/// A schema using every feature: three entity properties (one a label), two private and two universe properties,
/// a text and a bytes message kind, a text and a bytes command kind, input payloads of up to 4 bytes.
let featureSchema = GameSchema(
    game: "features",
    kinds: [EntityKindStyle(code: 1, name: "blob", shape: .circle, color: 0x00FF00, glyph: "o",
                            label: EntityProperty(index: 1))],
    entityProperties: [PropertySpec(name: "hp", type: .int), PropertySpec(name: "name", type: .string(maxLength: 8)),
                       PropertySpec(name: "tag", type: .bytes(maxLength: 4))],
    playerProperties: [PropertySpec(name: "ammo", type: .int), PropertySpec(name: "secret", type: .bytes(maxLength: 4))],
    universeProperties: [PropertySpec(name: "round", type: .int),
                         PropertySpec(name: "leader", type: .string(maxLength: 16))],
    messages: [MessageSpec(name: "chat", format: .text), MessageSpec(name: "ping", format: .bytes)],
    commands: [MessageSpec(name: "say", format: .text), MessageSpec(name: "boost", format: .bytes)],
    inputPayloadMaxBytes: 4, commandMaxBytes: 16)

/// The keys of `featureSchema`.
enum Feature {
    static let hp = EntityProperty(index: 0)
    static let name = EntityProperty(index: 1)
    static let tag = EntityProperty(index: 2)
    static let ammo = PlayerProperty(index: 0)
    static let secret = PlayerProperty(index: 1)
    static let round = UniverseProperty(index: 0)
    static let leader = UniverseProperty(index: 1)
    static let chat = GameMessageKind(code: 0)
    static let ping = GameMessageKind(code: 1)
    static let say = CommandKind(code: 0)
    static let boost = CommandKind(code: 1)
}

/// Rules with a schema that do nothing but record, in order, the inputs, commands and steps they are handed.
struct RecordingRules: GameRules {
    var schema: GameSchema = featureSchema
    var log: [String] = []

    mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {
        log.append("input \(player) seq \(input.seq) \(input.payload)")
    }

    mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {
        log.append("command \(player) code \(command.kind.code) \(command.payload)")
    }

    mutating func step(world: inout World) {
        log.append("step \(world.tick)")
    }
}

/// A universe with `RecordingRules` and the geometry of `inertUniverse` (R = 10 000, h = 1 000).
func featureUniverse(seed: UInt64 = 7) throws -> Universe {
    try Universe(config: UniverseConfig(width: 100_000, height: 100_000, viewRadius: 10_000, hysteresis: 1_000,
                                        seed: seed),
                 rules: RecordingRules())
}

/// A `featureUniverse` with players near (50 000, 50 000) and far (10 000, 10 000), a spectator with `view` and a
/// blob beside the near player; one tick has run.
func featureScene(spectating view: SpectatorView, nearIdentity: PlayerIdentity = PlayerIdentity()) throws
    -> (Universe, near: UInt32, far: UInt32, spectator: UInt32, blob: UInt32) {
    var universe = try featureUniverse()
    let near = universe.join(identity: nearIdentity)
    let far = universe.join()
    universe.world.setAvatar(of: near, to: universe.world.spawn(kind: 1, x: 50_000, y: 50_000, radius: 10))
    universe.world.setAvatar(of: far, to: universe.world.spawn(kind: 1, x: 10_000, y: 10_000, radius: 10))
    let spectator = universe.addSpectator(view)
    let blob = universe.world.spawn(kind: 1, x: 52_000, y: 50_000, radius: 10)
    universe.step()
    return (universe, near, far, spectator, blob)
}

/// A busy game on `featureSchema` drawing everything from the world's generator: drifting blobs whose
/// properties change (often to the value they already have), private state, a universe round and leader,
/// messages to every audience (some about blobs destroyed in the same tick), commands and input payloads.
struct BusyRules: GameRules {
    var schema: GameSchema { featureSchema }

    mutating func setUp(world: inout World) {
        for _ in 0..<120 { spawnBlob(world: &world) }
    }

    mutating func playerJoined(_ player: UInt32, world: inout World) {
        let spot = world.randomFreeSpot(clearance: 0)
        let avatar = world.spawn(kind: 2, x: spot.x, y: spot.y, radius: 100, owner: player)
        world.setAvatar(of: player, to: avatar)
        world.setProperty(Feature.name, of: avatar, to: .string(world.identity(of: player)?.name ?? ""))
        world.setPlayerState(Feature.ammo, of: player, to: .int(10))
    }

    mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {
        guard let avatar = world.avatar(of: player), avatar != 0 else { return }
        let velocity = Trig.vector(heading: input.heading, length: Int32(input.throttle) * 4)
        world.setMotion(avatar, vx: velocity.x, vy: velocity.y, heading: input.heading)
        if !input.payload.isEmpty {
            world.setPlayerState(Feature.secret, of: player, to: .bytes(input.payload))
            world.setProperty(Feature.tag, of: avatar, to: .bytes(input.payload))
        }
    }

    mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {
        if command.kind.code == 0 {
            world.send(Feature.chat, payload: command.payload, to: .universe)
            world.setUniverseState(Feature.leader, to: .string(String(decoding: command.payload, as: UTF8.self)))
        } else {
            let ammo = world.playerState(Feature.ammo, of: player)?.int ?? 0
            world.setPlayerState(Feature.ammo, of: player, to: .int(ammo + Int64(command.payload.count)))
            world.send(Feature.ping, payload: command.payload, to: .player(player))
        }
    }

    mutating func step(world: inout World) {
        var blobs: [UInt32] = []
        world.forEachEntity { if $0.kind == 1 { blobs.append($0.id) } }
        for id in blobs where world.random(below: 8) == 0 {
            world.setProperty(Feature.hp, of: id, to: .int(Int64(world.random(below: 3))))
        }
        if let id = blobs.randomElement(using: &world), world.random(below: 3) == 0 {
            world.send(Feature.chat, text: "near \(id)", to: .observers(ofEntity: id))
            if world.random(below: 2) == 0 { world.destroy(id, reason: .shot) }
        }
        if world.tick.isMultiple(of: 10) {
            world.setUniverseState(Feature.round, to: .int(Int64(world.tick / 10)))
        }
        while world.count(ofKind: 1) < 120 { spawnBlob(world: &world) }
    }

    private func spawnBlob(world: inout World) {
        let spot = world.randomFreeSpot(clearance: 0)
        let drift = Trig.vector(heading: world.randomHeading(), length: Int32(world.random(below: 600)))
        let id = world.spawn(kind: 1, x: spot.x, y: spot.y, vx: drift.x, vy: drift.y, radius: 50)
        world.setProperty(Feature.hp, of: id, to: .int(Int64(world.random(below: 3))))
    }
}

extension Array {
    /// A uniformly drawn element using the world's generator (nil when empty).
    func randomElement(using world: inout World) -> Element? {
        isEmpty ? nil : self[Int(world.random(below: UInt64(count)))]
    }
}

/// A universe of `BusyRules` (60 000 subunits square, R = 8 000, h = 800) with named players.
func busyUniverse(seed: UInt64, players: Int) throws -> Universe {
    var universe = try Universe(config: UniverseConfig(width: 60_000, height: 60_000, viewRadius: 8_000,
                                                       hysteresis: 800, seed: seed),
                                rules: BusyRules())
    for index in 0..<players { _ = universe.join(identity: PlayerIdentity(account: UInt32(100 + index), name: "p\(index)")) }
    return universe
}

/// Drives a busy universe: seeded inputs (some with payloads) and commands of both kinds.
struct BusyDriver {
    var inputs: InputDriver
    var generator: SeededGenerator

    init(seed: UInt64) {
        inputs = InputDriver(seed: seed)
        generator = SeededGenerator(seed: seed ^ 0xC0FFEE)
    }

    mutating func drive(_ universe: inout Universe) {
        inputs.drive(&universe, payloads: true)
        for player in universe.playerIDs where generator.next(below: 6) == 0 {
            let code = UInt8(generator.next(below: 2))
            let payload = code == 0 ? Array("hi \(player)".utf8) : [UInt8](repeating: 7, count: Int(generator.next(below: 4)))
            universe.submitCommand(GameCommand(kind: CommandKind(code: code), payload: payload), from: player)
        }
    }
}
