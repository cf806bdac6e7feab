import Testing
@testable import OrreryWorld

/// Spectators with equal views share one computation, one event range and one visible set.
@Suite struct SpectatorSharingTests {
    @Test func equalViewsJoinedAtDifferentTimesShareOneResultOnceTheySeeTheSame() throws {
        var universe = try arenaUniverse(seed: 9, players: 10)
        let first = universe.addSpectator(.wholeWorld)
        for _ in 0..<5 { universe.step() }
        let second = universe.addSpectator(.wholeWorld)
        universe.step()
        let firstEvents = universe.events(for: first)
        let secondEvents = universe.events(for: second)
        #expect(secondEvents.count > firstEvents.count && firstEvents.indices != secondEvents.indices)
        for _ in 0..<30 {
            universe.step()
            let shared = universe.events(for: first)
            #expect(Array(universe.events(for: second)) == Array(shared))
            #expect(universe.events(for: second).indices == shared.indices)
            #expect(universe.visibleEntityIDs(of: second) == universe.visibleEntityIDs(of: first))
        }
        var live: [UInt32] = []
        universe.world.forEachEntity { live.append($0.id) }
        #expect(universe.visibleEntityIDs(of: second) == live)
    }

    @Test func aSpectatorWhoseViewDiffersComputesItsOwn() throws {
        var universe = try arenaUniverse(seed: 10, players: 10)
        let view = SpectatorView.rectangle(minX: 0, minY: 0, maxX: 300 * 256, maxY: 300 * 256)
        let first = universe.addSpectator(view)
        let second = universe.addSpectator(view)
        universe.step()
        #expect(universe.events(for: first).indices == universe.events(for: second).indices)
        universe.setSpectatorView(second, to: .rectangle(minX: 0, minY: 0, maxX: 300 * 256, maxY: 150 * 256))
        var differed = false
        for _ in 0..<40 {
            universe.step()
            #expect(universe.events(for: first).indices != universe.events(for: second).indices
                    || universe.events(for: first).isEmpty)
            if Array(universe.events(for: first)) != Array(universe.events(for: second)) { differed = true }
        }
        #expect(differed)
    }
}
