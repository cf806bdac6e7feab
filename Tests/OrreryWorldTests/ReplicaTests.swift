import Testing
@testable import OrreryWorld

/// The events alone rebuild each observer's truth, and never reach beyond the view.
@Suite struct ReplicaTests {
    @Test func replicasFromEventsEqualTruthForEveryVisibleSet() throws {
        var universe = try arenaUniverse(seed: 42, players: 50)
        let corner = universe.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 200 * 256, maxY: 150 * 256))
        let everything = universe.addSpectator(.wholeWorld)
        var driver = InputDriver(seed: 9)
        var replicas: [UInt32: Replica] = [:]
        var checkedEntities = 0
        var eventKinds = 0
        #expect(universe.world.entityCount >= 200)

        for _ in 0..<2_000 {
            driver.drive(&universe)
            universe.step()
            let config = universe.config
            var failures = 0
            universe.forEachObserverUpdate { update in
                #expect(isInModelOrder(update.events))
                replicas[update.observerID, default: Replica(observer: update.observerID)]
                    .apply(tick: universe.tick, events: update.events, from: universe)
                for event in update.events { eventKinds |= 1 << modelGroup(of: event) }
                let replica = replicas[update.observerID]!
                let visible = universe.visibleEntityIDs(of: update.observerID)!
                if replica.entities.count != visible.count { failures += 1 }
                let centre = universe.viewCentre(of: update.observerID)
                for id in visible {
                    let truth = universe.entity(id)!
                    if replica.entities[id] != truth { failures += 1 }
                    if let centre, !within(truth, centre, config.leaveRadius) { failures += 1 }
                }
                if !update.isSpectator && replica.avatar != update.avatar { failures += 1 }
                failures += replica.gameStateMismatches(in: universe)
                checkedEntities += visible.count
            }
            #expect(failures == 0, "tick \(universe.tick)")
            if failures > 0 { break }
        }
        #expect(universe.visibleEntityIDs(of: everything)! == allIDs(universe))
        #expect(universe.visibleEntityIDs(of: corner)!.count < universe.world.entityCount)
        #expect(eventKinds == 0b0_1101_1111, "every kind of event but properties and messages (the arena has none)")
        #expect(checkedEntities > 100_000)
    }

    @Test func noEventMentionsAnEntityBeyondTheLeaveRadius() throws {
        var universe = try arenaUniverse(seed: 5, players: 30)
        var driver = InputDriver(seed: 11)
        let enter = Int64(universe.config.viewRadius)
        let leave = Int64(universe.config.leaveRadius)
        var violations = 0
        var checked = 0
        for _ in 0..<400 {
            driver.drive(&universe)
            universe.step()
            var died: [UInt32: EntityState] = [:]
            for record in universe.destroyedLastTick { died[record.state.id] = record.state }
            for player in universe.playerIDs {
                let centre = universe.viewCentre(of: player)!
                for event in universe.events(for: player) {
                    let position: (x: Int32, y: Int32, limit: Int64)
                    switch event {
                    case .avatar, .playerState, .universeState, .message: continue
                    case .properties(let id, _):
                        let state = universe.entity(id)!
                        position = (state.x, state.y, leave)
                    case .appeared(let state): position = (state.x, state.y, enter)
                    case .changed(let motion): position = (motion.x, motion.y, leave)
                    case .destroyed(let id, _): position = (died[id]!.x, died[id]!.y, leave)
                    case .disappeared(let id):
                        // Either still alive and now outside the leave radius, or destroyed outside it.
                        let state = universe.entity(id) ?? died[id]!
                        if squaredDistance(state, centre) <= leave * leave { violations += 1 }
                        continue
                    }
                    checked += 1
                    let dx = Int64(position.x) - Int64(centre.x)
                    let dy = Int64(position.y) - Int64(centre.y)
                    if dx * dx + dy * dy > position.limit * position.limit { violations += 1 }
                }
            }
        }
        #expect(violations == 0)
        #expect(checked > 1_000)
    }

    private func within(_ state: EntityState, _ centre: (x: Int32, y: Int32), _ radius: Int32) -> Bool {
        squaredDistance(state, centre) <= Int64(radius) * Int64(radius)
    }

    private func squaredDistance(_ state: EntityState, _ centre: (x: Int32, y: Int32)) -> Int64 {
        let dx = Int64(state.x) - Int64(centre.x)
        let dy = Int64(state.y) - Int64(centre.y)
        return dx * dx + dy * dy
    }

    private func allIDs(_ universe: Universe) -> [UInt32] {
        var ids: [UInt32] = []
        universe.world.forEachEntity { ids.append($0.id) }
        return ids
    }
}
