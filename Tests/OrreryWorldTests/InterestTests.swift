import Testing
@testable import OrreryWorld

/// Who sees what: hysteresis, destroyed only to those who saw it, invisible short lives, spectators.
@Suite struct InterestTests {
    /// An inert universe with one player whose (motionless) avatar sits at (50 000, 50 000); R = 10 000, h = 1 000.
    private func universeWithObserver() throws -> (Universe, player: UInt32) {
        var universe = try inertUniverse()
        let player = universe.join()
        let avatar = universe.world.spawn(kind: 1, x: 50_000, y: 50_000, radius: 10, owner: player)
        universe.world.setAvatar(of: player, to: avatar)
        universe.step()
        #expect(universe.events(for: player).first == .avatar(entityID: avatar))
        return (universe, player)
    }

    @Test func oscillatingAcrossTheEdgeByLessThanHysteresisCausesNoChurn() throws {
        var (universe, player) = try universeWithObserver()
        let id = universe.world.spawn(kind: 3, x: 59_600, y: 50_000, vx: 0, vy: 0, radius: 5)
        var appeared = 0
        var removed = 0
        for tick in 0..<200 {
            // Alternates between 400 inside and 400 outside the enter radius (h = 1000).
            universe.world.setVelocity(id, vx: tick.isMultiple(of: 2) ? 800 : -800, vy: 0)
            universe.step()
            for event in universe.events(for: player) {
                if case .appeared = event { appeared += 1 }
                if case .disappeared = event { removed += 1 }
            }
        }
        #expect(appeared == 1)
        #expect(removed == 0)
        #expect(universe.visibleEntityIDs(of: player)!.contains(id))
        // Beyond R + h it leaves; back inside R + h but outside R it stays out; inside R it comes back.
        universe.world.teleport(id, x: 61_100, y: 50_000)
        universe.world.setVelocity(id, vx: 0, vy: 0)
        universe.step()
        #expect(universe.events(for: player) == [.disappeared(id: id)])
        universe.world.teleport(id, x: 60_500, y: 50_000)
        universe.step()
        #expect(universe.events(for: player).isEmpty)
        universe.world.teleport(id, x: 59_999, y: 50_000)
        universe.step()
        #expect(universe.events(for: player) == [.appeared(universe.entity(id)!)])
    }

    @Test func destroyedGoesOnlyToObserversWhoSawIt() throws {
        var (universe, near) = try universeWithObserver()
        let far = universe.join()
        let farAvatar = universe.world.spawn(kind: 1, x: 10_000, y: 10_000, radius: 10, owner: far)
        universe.world.setAvatar(of: far, to: farAvatar)
        let rock = universe.world.spawn(kind: 3, x: 52_000, y: 50_000, radius: 5)
        universe.step()
        #expect(universe.visibleEntityIDs(of: near)!.contains(rock))
        #expect(!universe.visibleEntityIDs(of: far)!.contains(rock))
        universe.world.destroy(rock, reason: .shot)
        universe.step()
        #expect(universe.events(for: near) == [.destroyed(id: rock, reason: .shot)])
        #expect(universe.events(for: far).isEmpty)
        #expect(universe.destroyedLastTick.map(\.state.id) == [rock])
    }

    @Test func entityCreatedAndDestroyedInOneTickProducesNothing() throws {
        var (universe, player) = try universeWithObserver()
        let whole = universe.addSpectator(.wholeWorld)
        universe.step()
        let flash = universe.world.spawn(kind: 4, x: 50_100, y: 50_000, radius: 5)
        universe.world.destroy(flash, reason: .collision)
        let ephemeral = universe.world.spawn(kind: 4, x: 50_200, y: 50_000, radius: 5, lifetime: 1)
        universe.step()
        #expect(universe.entity(ephemeral) == nil)
        #expect(universe.events(for: player).isEmpty)
        #expect(universe.events(for: whole).isEmpty)
    }

    @Test func enteringEntityGetsOnlyAppearedWithItsStateAfterTheTick() throws {
        var (universe, player) = try universeWithObserver()
        let id = universe.world.spawn(kind: 2, x: 62_000, y: 50_000, radius: 5)
        universe.step()
        #expect(universe.events(for: player).isEmpty)
        universe.world.teleport(id, x: 55_000, y: 50_000)
        universe.world.setMotion(id, vx: -3, vy: 4, heading: 9)
        universe.step()
        let state = universe.entity(id)!
        #expect(state.x == 54_997 && state.y == 50_004)
        #expect(universe.events(for: player) == [.appeared(state)])
        universe.world.setHeading(id, 10)
        universe.step()
        #expect(universe.events(for: player) == [.changed(universe.entity(id)!.motion)])
    }

    @Test func deadPlayerKeepsItsViewCentredOnTheLastAvatarPosition() throws {
        var (universe, player) = try universeWithObserver()
        let avatar = universe.avatar(of: player)!
        let rock = universe.world.spawn(kind: 3, x: 55_000, y: 50_000, radius: 5)
        universe.world.destroy(avatar, reason: .collision)
        universe.step()
        #expect(universe.events(for: player) == [.avatar(entityID: 0), .destroyed(id: avatar, reason: .collision),
                                                 .appeared(universe.entity(rock)!)])
        #expect(universe.viewCentre(of: player)! == (50_000, 50_000))
    }

    @Test func rectangleSpectatorSeesInsideWithHysteresis() throws {
        var universe = try inertUniverse()
        let spectator = universe.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 20_000, maxY: 20_000))
        let inside = universe.world.spawn(kind: 3, x: 19_000, y: 100, vx: 500, vy: 0, radius: 5)
        let outside = universe.world.spawn(kind: 3, x: 40_000, y: 100, radius: 5)
        universe.step()
        #expect(universe.visibleEntityIDs(of: spectator)! == [inside])
        universe.step()  // x = 20 000: still inside
        universe.step()  // x = 20 500: outside the rectangle but within h
        #expect(universe.visibleEntityIDs(of: spectator)! == [inside])
        universe.step()  // x = 21 000: within h
        universe.step()  // x = 21 500: beyond h
        #expect(universe.events(for: spectator) == [.disappeared(id: inside)])
        universe.setSpectatorView(spectator, to: .rectangle(minX: 30_000, minY: 0, maxX: 50_000, maxY: 1_000))
        universe.step()
        #expect(universe.visibleEntityIDs(of: spectator)! == [outside])
        #expect(universe.snapshot(for: spectator)?.entities == [universe.entity(outside)!])
    }

    @Test func wholeWorldSpectatorSeesEverything() throws {
        var universe = try arenaUniverse(seed: 8, players: 5)
        let spectator = universe.addSpectator(.wholeWorld)
        universe.step()
        var all: [UInt32] = []
        universe.world.forEachEntity { all.append($0.id) }
        #expect(universe.visibleEntityIDs(of: spectator)! == all)
        #expect(universe.events(for: spectator).dropLast() == all.map { .appeared(universe.entity($0)!) }[...])
        #expect(universe.events(for: spectator).last == .universeState(changed: PropertyMask(rawValue: 1)))
        let removed = universe.removeSpectator(spectator)
        #expect(removed)
        #expect(universe.visibleEntityIDs(of: spectator) == nil)
    }
}
