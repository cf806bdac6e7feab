@testable import OrreryWorld

/// Rules that do nothing: tests drive the world directly between ticks.
struct InertRules: GameRules {}

/// A client replica following the GAME_MODEL.md rule, fed only by one observer's events.
struct Replica {
    var tick: UInt64 = 0
    var entities: [UInt32: EntityState] = [:]
    var avatar: UInt32?

    /// Advances every entity to `tick` by its velocity, then applies the events in order.
    mutating func apply(tick newTick: UInt64, events: ArraySlice<ViewEvent>) {
        let ticks = Int32(truncatingIfNeeded: newTick - tick)
        for index in entities.indices {
            entities.values[index].x &+= ticks &* entities.values[index].vx
            entities.values[index].y &+= ticks &* entities.values[index].vy
        }
        tick = newTick
        for event in events {
            switch event {
            case .avatar(let id): avatar = id
            case .destroyed(let id, _), .disappeared(let id): entities[id] = nil
            case .appeared(let state): entities[state.id] = state
            case .changed(let motion):
                entities[motion.id]!.x = motion.x
                entities[motion.id]!.y = motion.y
                entities[motion.id]!.vx = motion.vx
                entities[motion.id]!.vy = motion.vy
                entities[motion.id]!.heading = motion.heading
            }
        }
    }
}

/// Whether a tick's events follow GAME_MODEL.md order: avatar, destroyed, disappeared, appeared, changed, each
/// group in strictly ascending id.
func isInModelOrder(_ events: ArraySlice<ViewEvent>) -> Bool {
    var previous: (group: Int, id: UInt32)?
    for event in events {
        let group: Int
        switch event {
        case .avatar: group = 0
        case .destroyed: group = 1
        case .disappeared: group = 2
        case .appeared: group = 3
        case .changed: group = 4
        }
        if let previous {
            if group < previous.group || (group == previous.group && (group == 0 || event.entityID <= previous.id)) {
                return false
            }
        }
        previous = (group, event.entityID)
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
