import Growth
import OrreryTesting
import OrreryWorld
import Testing

@Suite struct GrowthRulesTests {
    /// A 60 m square with 300 pellets: cells meet pellets all the time.
    static let config = UniverseConfig(width: 60 * 256, height: 60 * 256, viewRadius: 30 * 256,
                                       hysteresis: 4 * 256, seed: 3)

    static func rules() -> GrowthRules {
        var tuning = GrowthConfig()
        tuning.pellets = 300
        return GrowthRules(config: tuning)
    }

    /// Steers the player's cell in a wide spiral through the pellets until its score reaches `score`.
    static func grow(_ player: UInt32, to score: Int64, in game: inout UniverseDriver) -> Bool {
        guard let cell = game.avatar(player) else { return false }
        var heading: UInt16 = 0
        return game.run(limit: 2_000, drive: { game in
            heading &+= 700
            game.submit(player, heading: heading, throttle: 255)
        }, until: { ($0.universe.property(GrowthSchema.score, of: cell.id)?.int ?? 0) >= score })
    }

    @Test func theWorldStartsFullOfPelletsAndCountsThem() throws {
        var game = try UniverseDriver(config: Self.config, rules: Self.rules())
        #expect(game.entities(ofKind: GrowthSchema.Kind.pellet).count == 300)
        game.step()
        #expect(game.universe.universeState(GrowthSchema.pellets) == .int(300))
    }

    @Test func aCellEatingPelletsGrowsItsScoreRadiusAndBestAndSlowsDown() throws {
        var game = try UniverseDriver(config: Self.config, rules: Self.rules())
        let ann = game.join("ann")
        let first = try #require(game.avatar(ann))
        #expect(game.universe.property(GrowthSchema.name, of: first.id) == .string("ann"))
        #expect(game.universe.property(GrowthSchema.radius, of: first.id) == .int(512))
        let grown = Self.grow(ann, to: 16, in: &game)
        #expect(grown)
        let score = try #require(game.universe.property(GrowthSchema.score, of: first.id)?.int)
        let rules = Self.rules()
        #expect(game.universe.property(GrowthSchema.radius, of: first.id) == .int(Int64(rules.radius(forScore: score))))
        #expect(rules.radius(forScore: 16) == 512 + 4 * 256 && rules.radius(forScore: 0) == 512)
        #expect(rules.speed(forRadius: 512) == 154 && rules.speed(forRadius: 1536) < 154)
        #expect(game.universe.playerState(GrowthSchema.best, of: ann) == .int(score))
        game.step()
        #expect((game.universe.universeState(GrowthSchema.pellets)?.int ?? 0) <= 300)
    }

    @Test func aBigCellEatsASmallOneWhoseOwnerIsToldAndRespawns() throws {
        var game = try UniverseDriver(config: Self.config, rules: Self.rules())
        let ann = game.join("ann"), bob = game.join("bob")
        var heading: UInt16 = 0
        let big = game.run(limit: 3_000, drive: { game in
            heading &+= 900
            game.submit(ann, heading: heading, throttle: 255)
            game.submit(bob, heading: 0, throttle: 0)
        }, until: { game in
            guard let me = game.avatar(ann), let other = game.avatar(bob) else { return false }
            return (game.universe.property(GrowthSchema.radius, of: me.id)?.int ?? 0)
                > 2 * (game.universe.property(GrowthSchema.radius, of: other.id)?.int ?? 0)
        })
        #expect(big)
        let victim = try #require(game.avatar(bob))
        let eaten = game.run(limit: 2_000, drive: { game in
            guard let other = game.avatar(bob) else { return }
            game.steer(ann, toward: (other.x, other.y))
        }, until: { $0.avatar(bob) == nil })
        #expect(eaten)
        #expect(game.log.last.map { "\($0.kind) \($0.audience) \($0.text)" }
                == "eaten observers(ofEntity: \(victim.id)) ann ate bob")
        #expect(game.universe.playerState(GrowthSchema.eaten, of: ann) == .int(1))
        let back = game.run(limit: 41, until: { $0.avatar(bob) != nil })
        #expect(back)
        let respawned = try #require(game.avatar(bob))
        let score = game.universe.property(GrowthSchema.score, of: respawned.id)?.int ?? 0
        #expect(respawned.id != victim.id && score < 10, "score \(score) right after respawning")
        #expect(game.log.last.map { "\($0.kind) \($0.audience) \($0.text)" }
                == "respawned player(\(bob)) eaten by ann, back with 0")
    }

    @Test func theLeaderboardRanksTheTopFiveBySecond() throws {
        var game = try UniverseDriver(config: Self.config, rules: Self.rules())
        let players = (0..<7).map { game.join("p\($0)") }
        for tick in 0..<200 {
            for (index, player) in players.enumerated() {
                game.submit(player, heading: UInt16(truncatingIfNeeded: tick * 300 * (index + 1)), throttle: 255)
            }
            game.step()
        }
        #expect(game.universe.tick % 20 == 0)
        let ranked = players.enumerated().compactMap { index, player -> (score: Int64, text: String)? in
            guard let cell = game.avatar(player),
                  let score = game.universe.property(GrowthSchema.score, of: cell.id)?.int else { return nil }
            return (score, "p\(index) \(score)")
        }.sorted { $0.score > $1.score }
        let expected = ranked.prefix(5).map(\.text).joined(separator: " | ")
        #expect(game.universe.universeState(GrowthSchema.leaderboard) == .string(expected))
        #expect(ranked.count >= 5 && ranked[0].score > 0)
    }

    @Test func aLargeScoreDecaysEachSecond() throws {
        var tuning = GrowthConfig()
        tuning.pellets = 300
        tuning.decayFrom = 5
        tuning.decayDivisor = 5
        var game = try UniverseDriver(config: Self.config, rules: GrowthRules(config: tuning))
        let ann = game.join("ann")
        let cell = try #require(game.avatar(ann))
        let grown = Self.grow(ann, to: 10, in: &game)
        #expect(grown)
        game.submit(ann, heading: 0, throttle: 0)
        while game.universe.tick % 20 != 19 { game.step() }
        let before = try #require(game.universe.property(GrowthSchema.score, of: cell.id)?.int)
        game.step()
        let after = try #require(game.universe.property(GrowthSchema.score, of: cell.id)?.int)
        #expect(after <= before - before / 5 + 1 && after < before)
    }
}
