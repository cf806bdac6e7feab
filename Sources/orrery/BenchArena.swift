import OrreryArena
import OrreryWorld

/// The benchmark's arena: 4 entities per player (its ship, 2 asteroids, 1 NPC ship) on 100 m x 100 m per player,
/// the default 150 m view, and players whose seeded inputs change heading and throttle about once a second each
/// (one in `tickRate` ticks) and fire in one input out of four. The population is replenished at up to 4 per
/// 100 players per tick so the density stays the same at every size.
struct BenchArena {
    var universe: Universe
    /// The players, in join order (their ids are 1...count: there are no spectators).
    let players: [UInt32]
    private var generator: SeededGenerator
    private var seqs: [UInt32]

    init(players count: Int, seed: UInt64) throws {
        let side = Int32((Double(count) * 100 * 100).squareRoot() * 256)
        let config = UniverseConfig(width: side, height: side, seed: seed)
        var arena = ArenaConfig(tickRate: config.tickRate, asteroidCount: 2 * count, npcCount: count)
        arena.replenishPerTick = max(4, count / 25)
        universe = try Universe(config: config, rules: ArenaRules(config: arena))
        var joined: [UInt32] = []
        for _ in 0..<count { joined.append(universe.join()) }
        players = joined
        generator = SeededGenerator(seed: seed ^ 0x5EED)
        seqs = Array(repeating: 0, count: count)
    }

    /// Submits this tick's inputs, telling `accepted` about each one the universe took.
    mutating func driveInputs(_ accepted: (UInt32, PlayerInput) -> Void = { _, _ in }) {
        let oneIn = UInt64(universe.config.tickRate)
        for index in players.indices where generator.next(below: oneIn) == 0 {
            seqs[index] += 1
            let input = PlayerInput(seq: seqs[index], heading: UInt16(truncatingIfNeeded: generator.next()),
                                    throttle: UInt8(truncatingIfNeeded: generator.next() | 0x40),
                                    actions: generator.next(below: 4) == 0 ? PlayerInput.fire : 0)
            if universe.submitInput(input, from: players[index]) { accepted(players[index], input) }
        }
    }
}
