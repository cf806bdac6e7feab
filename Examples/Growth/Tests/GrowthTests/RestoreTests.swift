import Growth
import OrreryTesting
import OrreryWorld
import Testing

@Suite struct RestoreTests {
    /// Twelve cells steer through the pellets and eat each other; restored from a snapshot (a tuning other than
    /// the default, a cell waiting to respawn), the next 1,000 ticks match the run that never stopped.
    @Test func aMatchRestoredMidGameRunsTheSameThousandTicks() throws {
        var tuning = GrowthConfig()
        tuning.pellets = 300
        tuning.respawnDelay = 25
        let universe = try Universe(config: UniverseConfig(width: 60 * 256, height: 60 * 256, seed: 8),
                                    rules: GrowthRules(config: tuning))
        let check = try RestoreCheck(original: universe, restoredRules: GrowthRules(), warmUp: 300, ticks: 1000,
                                     snapshotWhen: RestoreCheck.aPlayerWaits) { universe, tick in
            if tick <= 12 { _ = universe.join(identity: PlayerIdentity(name: "cell-\(tick)")) }
            RestoreCheck.submitScriptedInputs(to: &universe, tick: tick)
        }
        #expect(check.failures == [])
        #expect(check.ticks == 1000 && check.events > 5000)
    }
}
