import OrreryArena
import OrreryJournal
import OrreryTesting
import OrreryWorld
import Testing

@Suite struct SnapshotRestoreTests {
    /// A busy arena: players join and leave, spectators watch the whole world and a rectangle, everyone steers
    /// and fires. Restored after 300 ticks, at a tick when a player waits for a respawn, the next 1,000 ticks match
    /// the run that never stopped.
    @Test func arenaRestoredMidMatchRunsTheSameThousandTicks() throws {
        let config = UniverseConfig(width: 400 * 256, height: 400 * 256, seed: 7)
        let arena = ArenaConfig(asteroidCount: 60, npcCount: 12)
        let original = try Universe(config: config, rules: ArenaRules(config: arena))
        let check = try RestoreCheck(original: original, restoredRules: ArenaRules(), warmUp: 300, ticks: 1000,
                                     snapshotWhen: RestoreCheck.aPlayerWaits) { universe, tick in
            if tick % 40 == 1 && universe.playerIDs.count < 24 {
                _ = universe.join(identity: PlayerIdentity(account: UInt32(tick), name: "p\(tick)"))
            }
            if tick % 170 == 0, let first = universe.playerIDs.first { universe.leave(first) }
            if tick == 5 { _ = universe.addSpectator(.wholeWorld) }
            if tick == 320 { _ = universe.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 100 * 256, maxY: 100 * 256)) }
            RestoreCheck.submitScriptedInputs(to: &universe, tick: tick)
        }
        #expect(check.failures == [])
        #expect(check.ticks == 1000)
        #expect(check.events > 10_000)
    }

    /// Rules built with other settings take the recorded ones from the snapshot.
    @Test func restoredArenaTakesTheSavedTuning() throws {
        var universe = try Universe(config: UniverseConfig(seed: 3),
                                    rules: ArenaRules(config: ArenaConfig(asteroidCount: 5, npcCount: 2)))
        universe.step()
        let restored = try Universe(restoring: universe.snapshot(), rules: ArenaRules())
        #expect((restored.rules as? ArenaRules)?.config == ArenaConfig(asteroidCount: 5, npcCount: 2))
        #expect(restored.stateHash() == universe.stateHash())
    }
}
