import Testing
@testable import OrreryWorld

/// Motion between events follows position += velocity; bounces are changed events.
@Suite struct KinematicsTests {
    @Test func stateAtLaterTickIsStartPlusVelocityTimesTicks() throws {
        var universe = try inertUniverse()
        let id = universe.world.spawn(kind: 9, x: 20_000, y: 30_000, vx: 37, vy: -21, heading: 5, radius: 10)
        let spectator = universe.addSpectator(.wholeWorld)
        universe.step()
        let start = universe.entity(id)!
        #expect(universe.events(for: spectator) == [.appeared(start)])
        for k in 1...200 {
            universe.step()
            #expect(universe.events(for: spectator).isEmpty)
            let now = universe.entity(id)!
            #expect(now.x == start.x + Int32(k) * 37 && now.y == start.y - Int32(k) * 21)
            #expect(now.vx == 37 && now.vy == -21 && now.heading == 5)
        }
        #expect(universe.movedEntityIDs == [id])
    }

    @Test func everyEntityWithoutEventsMovesByItsVelocity() throws {
        var universe = try arenaUniverse(seed: 3, players: 10)
        let spectator = universe.addSpectator(.wholeWorld)
        var driver = InputDriver(seed: 4)
        var last: [UInt32: EntityState] = [:]
        var checked = 0
        for _ in 0..<300 {
            driver.drive(&universe)
            universe.step()
            var touched = Set<UInt32>()
            for event in universe.events(for: spectator) { touched.insert(event.entityID) }
            universe.world.forEachEntity { state in
                if !touched.contains(state.id), let before = last[state.id] {
                    #expect(state.x == before.x &+ before.vx && state.y == before.y &+ before.vy)
                    #expect(state.vx == before.vx && state.vy == before.vy && state.heading == before.heading)
                    checked += 1
                }
                last[state.id] = state
            }
        }
        #expect(checked > 10_000)
    }

    @Test func bounceReflectsPositionAndVelocityAsAChangedEvent() throws {
        var universe = try inertUniverse(width: 10_000, height: 10_000)
        let id = universe.world.spawn(kind: 9, x: 9_990, y: 5, vx: 30, vy: -20, heading: 7, radius: 1)
        let spectator = universe.addSpectator(.wholeWorld)
        universe.step()
        // x: 9990 + 30 = 10020 → reflected about 9999 → 9978; y: 5 - 20 = -15 → 15.
        let expected = MotionState(id: id, x: 9_978, y: 15, vx: -30, vy: 20, heading: 7)
        #expect(universe.entity(id)?.motion == expected)
        #expect(universe.events(for: spectator) == [.appeared(universe.entity(id)!)])
        universe.world.teleport(id, x: 5, y: 5_000)
        universe.world.setVelocity(id, vx: -10, vy: 0)
        universe.step()
        #expect(universe.events(for: spectator) == [.changed(MotionState(id: id, x: 5, y: 5_000, vx: 10, vy: 0,
                                                                           heading: 7))])
        universe.step()
        #expect(universe.events(for: spectator).isEmpty)
        #expect(universe.entity(id)?.x == 15)
    }
}
