import Testing
import OrreryArena
@testable import OrreryWorld

/// The default arena game's rules.
@Suite struct ArenaRulesTests {
    private let centre: Int32 = 100_000

    /// An empty arena (no asteroids or NPCs) with one player whose ship sits still at the centre, heading 0.
    private func emptyArena() throws -> (Universe, player: UInt32, ship: UInt32) {
        let config = UniverseConfig(width: 200_000, height: 200_000, viewRadius: 24_000, hysteresis: 2_000, seed: 3)
        var universe = try Universe(config: config, rules: ArenaRules(config: ArenaConfig(asteroidCount: 0,
                                                                                          npcCount: 0)))
        let player = universe.join()
        let ship = universe.avatar(of: player)!
        universe.world.teleport(ship, x: centre, y: centre)
        universe.world.setHeading(ship, 0)
        universe.step()
        return (universe, player, ship)
    }

    private func projectiles(_ universe: Universe) -> [EntityState] {
        var found: [EntityState] = []
        universe.world.forEachEntity { if $0.kind == ArenaKind.projectile { found.append($0) } }
        return found
    }

    @Test func joiningSpawnsAShipAndReportsTheAvatarWithItsAppearance() throws {
        let (universe, player, ship) = try emptyArena()
        let events = universe.events(for: player)
        #expect(events.first == .avatar(entityID: ship))
        #expect(events.contains(.appeared(universe.entity(ship)!)))
        #expect(universe.entity(ship)?.kind == ArenaKind.playerShip)
        #expect(universe.entity(ship)?.owner == player)
    }

    @Test func firingSpawnsOwnedProjectilesRespectingTheCooldown() throws {
        var (universe, player, ship) = try emptyArena()
        let rules = ArenaConfig()
        universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0, actions: PlayerInput.fire), from: player)
        universe.step()
        let shot = try #require(projectiles(universe).first)
        #expect(shot.owner == player)
        #expect(shot.vx == rules.projectileSpeed && shot.vy == 0)
        #expect(shot.x == centre + rules.shipRadius + rules.projectileRadius + 1 + rules.projectileSpeed)
        #expect(universe.events(for: player).contains(.appeared(shot)))
        for seq in 2...20 {
            universe.submitInput(PlayerInput(seq: UInt32(seq), heading: 0, throttle: 0,
                                             actions: PlayerInput.fire), from: player)
            universe.step()
        }
        // 20 ticks of held fire with a 5-tick cooldown: shots on ticks 2, 7, 12 and 17 after the set-up tick.
        #expect(rules.fireCooldown == 5)
        #expect(projectiles(universe).count == 4)
        #expect(universe.lastAppliedInputSeq(of: player) == 20)
        #expect(universe.entity(ship) != nil)
    }

    @Test func inputsWithinOneTickKeepTheLatestSteeringAndOrTheActions() throws {
        var (universe, player, ship) = try emptyArena()
        universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 255, actions: PlayerInput.fire), from: player)
        universe.submitInput(PlayerInput(seq: 2, heading: 16_384, throttle: 255, actions: 0), from: player)
        let stale = universe.submitInput(PlayerInput(seq: 2, heading: 0, throttle: 0), from: player)
        #expect(!stale)
        universe.step()
        let state = universe.entity(ship)!
        #expect(state.heading == 16_384 && state.vx == 0 && state.vy == ArenaConfig().shipMaxSpeed)
        #expect(projectiles(universe).count == 1)
        #expect(universe.lastAppliedInputSeq(of: player) == 2)
        #expect(universe.events(for: player) == [.appeared(projectiles(universe)[0]), .changed(state.motion)])
    }

    @Test func projectileExpiresAfterItsLifetime() throws {
        var (universe, player, _) = try emptyArena()
        universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0, actions: PlayerInput.fire), from: player)
        universe.step()
        let shot = try #require(projectiles(universe).first)
        var expiredAfter = 0
        for tick in 1...100 {
            universe.step()
            if universe.events(for: player).contains(.destroyed(id: shot.id, reason: .expired)) {
                expiredAfter = tick
                break
            }
        }
        #expect(UInt64(expiredAfter) == ArenaConfig().projectileLifetime)
        #expect(universe.entity(shot.id) == nil)
    }

    @Test func aShotDestroysItsTargetButNeverItsOwner() throws {
        var (universe, player, ship) = try emptyArena()
        let rock = universe.world.spawn(kind: ArenaKind.asteroid, x: centre + 10_000, y: centre, radius: 768)
        let ownShot = universe.world.spawn(kind: ArenaKind.projectile, x: centre, y: centre, radius: 64, owner: player)
        universe.step()
        #expect(universe.entity(ship) != nil && universe.entity(ownShot) != nil)
        universe.world.destroy(ownShot, reason: .expired)
        universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0, actions: PlayerInput.fire), from: player)
        var hit = false
        for _ in 0..<30 where !hit {
            universe.step()
            let events = universe.events(for: player)
            hit = events.contains(.destroyed(id: rock, reason: .shot))
            if hit {
                #expect(events.contains { if case .destroyed(_, .collision) = $0 { true } else { false } })
            }
        }
        #expect(hit)
        #expect(projectiles(universe).isEmpty)
        let stranger = universe.world.spawn(kind: ArenaKind.projectile, x: centre, y: centre, radius: 64, owner: 999)
        universe.step()
        #expect(universe.events(for: player).contains(.destroyed(id: ship, reason: .shot)))
        #expect(universe.entity(stranger) == nil)
    }

    @Test func shipHittingAnAsteroidIsDestroyedAndRespawnsAsANewEntity() throws {
        var (universe, player, ship) = try emptyArena()
        let rock = universe.world.spawn(kind: ArenaKind.asteroid, x: centre + 300, y: centre, radius: 768)
        universe.step()
        let lost = universe.events(for: player)
        #expect(lost.first == .avatar(entityID: 0))
        #expect(lost.contains(.destroyed(id: ship, reason: .collision)))
        #expect(universe.entity(rock) != nil)
        universe.world.destroy(rock, reason: .expired)
        var waited: UInt64 = 0
        var newShip: UInt32 = 0
        while newShip == 0 && waited < 100 {
            universe.step()
            waited += 1
            if case .avatar(let id) = universe.events(for: player).first { newShip = id }
        }
        #expect(waited == ArenaConfig().respawnDelay)
        #expect(newShip > ship)
        #expect(universe.avatar(of: player) == newShip)
        #expect(universe.events(for: player).contains(.appeared(universe.entity(newShip)!)))
    }

    @Test func leavingDestroysTheAvatarWithReasonOwnerLeft() throws {
        var (universe, watcher, _) = try emptyArena()
        let leaver = universe.join()
        let leaverShip = universe.avatar(of: leaver)!
        universe.world.teleport(leaverShip, x: centre + 5_000, y: centre)
        universe.step()
        #expect(universe.visibleEntityIDs(of: watcher)!.contains(leaverShip))
        let left = universe.leave(leaver)
        #expect(left)
        #expect(universe.entity(leaverShip) == nil)
        universe.step()
        #expect(universe.events(for: watcher) == [.destroyed(id: leaverShip, reason: .ownerLeft),
                                                  .universeState(changed: PropertyMask(rawValue: 1))])
        #expect(universe.universeState(ArenaRules.players) == .int(1))
        #expect(universe.avatar(of: leaver) == nil)
        #expect(universe.events(for: leaver).isEmpty)
        let accepted = universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0), from: leaver)
        #expect(!accepted)
    }

    @Test func populationIsReplenishedAndNPCsChangeCourse() throws {
        var universe = try Universe(config: UniverseConfig(width: 300_000, height: 300_000, seed: 12),
                                    rules: ArenaRules(config: ArenaConfig(asteroidCount: 12, npcCount: 6)))
        #expect(universe.world.count(ofKind: ArenaKind.asteroid) == 12)
        #expect(universe.world.count(ofKind: ArenaKind.npcShip) == 6)
        var npcs: [UInt32: UInt16] = [:]
        universe.world.forEachEntity { state in
            if state.kind == ArenaKind.npcShip { npcs[state.id] = state.heading }
        }
        for id in npcs.keys { universe.world.destroy(id, reason: .shot) }
        universe.step()
        universe.step()
        #expect(universe.world.count(ofKind: ArenaKind.npcShip) == 6)
        var headings: [UInt32: UInt16] = [:]
        universe.world.forEachEntity { if $0.kind == ArenaKind.npcShip { headings[$0.id] = $0.heading } }
        for _ in 0..<ArenaConfig().npcTurnMaxTicks { universe.step() }
        var turned = 0
        universe.world.forEachEntity { state in
            if let before = headings[state.id], before != state.heading { turned += 1 }
        }
        #expect(turned > 0)
    }
}
