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
                    properties[id]![index] = universe.property(EntityProperty(index: index), of: id)!
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

    /// Submits a random input for about one player in `oneIn`.
    mutating func drive(_ universe: inout Universe, oneIn: UInt64 = 4) {
        for player in universe.playerIDs where generator.next(below: oneIn) == 0 {
            let seq = (seqs[player] ?? 0) + 1
            seqs[player] = seq
            let input = PlayerInput(seq: seq, heading: UInt16(truncatingIfNeeded: generator.next()),
                                    throttle: UInt8(truncatingIfNeeded: generator.next()),
                                    actions: generator.next(below: 3) == 0 ? PlayerInput.fire : 0)
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
