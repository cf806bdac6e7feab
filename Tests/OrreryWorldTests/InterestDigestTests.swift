import Testing
@testable import OrreryWorld

/// The interest code's output must not change when it is made faster: a seeded arena run (players joining and
/// leaving, whole-world and rectangle spectators, some with equal views joined at different times, a spectator
/// moving its view) must give every observer exactly the events the straightforward implementation (gather, sort every observer's candidates, merge; commit
/// 3c0fdd7) gave. The digest folds, per tick, every observer's id, acknowledged input and each event's full text.
@Suite struct InterestDigestTests {
    /// FNV-1a 64 of the run's event stream, and the number of events in it.
    private func digest(seed: UInt64, ticks: Int) throws -> (digest: UInt64, events: Int) {
        var universe = try arenaUniverse(seed: seed, players: 40, asteroids: 240, npcs: 60)
        var driver = InputDriver(seed: seed &+ 1)
        _ = universe.addSpectator(.wholeWorld)
        let roaming = universe.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 200 * 256, maxY: 150 * 256))
        let fixed = SpectatorView.rectangle(minX: 300 * 256, minY: 100 * 256, maxX: 500 * 256, maxY: 400 * 256)
        _ = universe.addSpectator(fixed)
        _ = universe.addSpectator(fixed)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var events = 0
        func fold(_ text: String) {
            for byte in text.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        for tick in 0..<ticks {
            driver.drive(&universe)
            if tick % 37 == 5, let leaving = universe.playerIDs.dropFirst(tick % 5).first {
                universe.leave(leaving)
            }
            if tick % 23 == 11 { _ = universe.join() }
            if tick == 50 { _ = universe.addSpectator(.wholeWorld) }
            if tick == 120 { _ = universe.addSpectator(fixed) }
            if tick % 10 == 0 {
                let x = Int32(tick % 400) * 256
                universe.setSpectatorView(roaming, to: .rectangle(minX: x, minY: x / 2, maxX: x + 200 * 256,
                                                                  maxY: x / 2 + 150 * 256))
            }
            universe.step()
            fold("tick \(tick)")
            universe.forEachObserverUpdate { update in
                fold("\(update.observerID) \(update.lastAppliedInputSeq)")
                for event in update.events {
                    fold("\(event)")
                    events += 1
                }
            }
        }
        return (hash, events)
    }

    @Test func eventsAreThoseOfTheReferenceImplementation() throws {
        let run = try digest(seed: 2026, ticks: 600)
        #expect(run.events == 68_603)
        #expect(run.digest == 9_033_716_954_726_610_358)
    }
}
