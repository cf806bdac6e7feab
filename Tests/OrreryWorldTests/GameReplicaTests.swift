import Testing
@testable import OrreryWorld

/// A busy game's events, with the values an encoder reads for them, rebuild each observer's game state exactly
/// and never carry a value outside its scope; the same seed and calls give the same events and values.
@Suite struct GameReplicaTests {
    @Test func replicasHoldExactlyTheGameStateEachObserverMaySeeAtEveryTick() throws {
        var universe = try busyUniverse(seed: 21, players: 12)
        let corner = universe.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 20_000, maxY: 20_000))
        let everything = universe.addSpectator(.wholeWorld)
        var driver = BusyDriver(seed: 5)
        var replicas: [UInt32: Replica] = [:]
        var seen = (properties: 0, playerState: 0, universeState: 0, messages: 0)
        var failures = 0
        for tick in 0..<600 {
            driver.drive(&universe)
            if tick == 300 { _ = universe.join(identity: PlayerIdentity(name: "late")) }
            universe.step()
            var previous: [UInt32: [UInt32]] = [:]
            for (id, replica) in replicas { previous[id] = replica.entities.keys.sorted() }
            universe.forEachObserverUpdate { update in
                let observer = update.observerID
                let visible = universe.visibleEntityIDs(of: observer)!
                for event in update.events {
                    switch event {
                    case .properties(let id, _):
                        seen.properties += 1
                        if !visible.contains(id) || universe.entity(id) == nil { failures += 1 }
                    case .playerState:
                        seen.playerState += 1
                        if update.isSpectator { failures += 1 }
                    case .universeState:
                        seen.universeState += 1
                    case .message(let index):
                        seen.messages += 1
                        if !shouldReceive(universe.messages[index], observer: observer, universe: universe,
                                          before: previous[observer] ?? [], after: visible) { failures += 1 }
                    default:
                        break
                    }
                }
                let expected = universe.messages.indices.filter {
                    shouldReceive(universe.messages[$0], observer: observer, universe: universe,
                                  before: previous[observer] ?? [], after: visible)
                }
                let delivered = update.events.compactMap { if case .message(let index) = $0 { index } else { nil } }
                if delivered != expected { failures += 1 }
                if !isInModelOrder(update.events) { failures += 1 }
                replicas[observer, default: Replica(observer: observer)]
                    .apply(tick: universe.tick, events: update.events, from: universe)
                failures += replicas[observer]!.gameStateMismatches(in: universe)
            }
            #expect(failures == 0, "tick \(universe.tick)")
            if failures > 0 { break }
        }
        #expect(replicas[corner]!.playerState.isEmpty && replicas[everything]!.playerState.isEmpty)
        #expect(seen.properties > 1_000 && seen.playerState > 100 && seen.universeState > 100 && seen.messages > 100)
    }

    /// Whether an observer is in a message's audience: the player, every observer, or those that see the entity
    /// after the tick (or saw it before, when it was destroyed in the tick).
    private func shouldReceive(_ message: GameMessage, observer: UInt32, universe: Universe, before: [UInt32],
                               after: [UInt32]) -> Bool {
        switch message.audience {
        case .universe: true
        case .player(let player): player == observer
        case .observers(let entity):
            after.contains(entity)
                || (universe.destroyedLastTick.contains { $0.state.id == entity } && before.contains(entity))
        }
    }

    private func run(seed: UInt64, ticks: Int) throws -> [Int] {
        var universe = try busyUniverse(seed: seed, players: 8)
        _ = universe.addSpectator(.wholeWorld)
        var driver = BusyDriver(seed: seed &+ 1)
        var digest: [Int] = []
        for _ in 0..<ticks {
            driver.drive(&universe)
            universe.step()
            var hasher = Hasher()
            universe.forEachObserverUpdate { update in
                hasher.combine(update.observerID)
                for event in update.events { hasher.combine(event) }
                hasher.combine(universe.snapshot(for: update.observerID))
            }
            hasher.combine(universe.messages)
            digest.append(hasher.finalize())
        }
        return digest
    }

    @Test func sameSeedAndCallsGiveTheSameEventsAndValues() throws {
        let first = try run(seed: 99, ticks: 300)
        #expect(first == (try run(seed: 99, ticks: 300)))
        #expect(first != (try run(seed: 98, ticks: 300)))
    }
}
