import CaptureTheFlag
import OrreryTesting
import OrreryWorld
import Testing

@Suite struct RestoreTests {
    /// Eight runners steer, fire and chat; restored from a snapshot mid-round (a tuning other than the default, a
    /// runner waiting to run again), the next 1,000 ticks match the run that never stopped, events and hashes.
    @Test func aMatchRestoredMidRoundRunsTheSameThousandTicks() throws {
        var tuning = CaptureConfig()
        tuning.roundTicks = 700
        tuning.respawnDelay = 30
        let universe = try Universe(config: UniverseConfig(width: 80 * 256, height: 40 * 256, seed: 4),
                                    rules: CaptureRules(config: tuning))
        let check = try RestoreCheck(original: universe, restoredRules: CaptureRules(), warmUp: 300, ticks: 1000,
                                     snapshotWhen: RestoreCheck.aPlayerWaits) { universe, tick in
            if tick <= 8 { _ = universe.join(identity: PlayerIdentity(name: "runner-\(tick)")) }
            if tick % 97 == 0, let first = universe.playerIDs.first {
                universe.submitCommand(GameCommand(kind: CaptureSchema.chatCommand, payload: Array("gg".utf8)), from: first)
            }
            RestoreCheck.submitScriptedInputs(to: &universe, tick: tick)
        }
        #expect(check.failures == [])
        #expect(check.ticks == 1000 && check.events > 5000)
    }
}
