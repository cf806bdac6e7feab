import Growth
import OrreryJournal
import OrreryTesting
import OrreryWorld
import Testing

@Suite struct JournalBytesTests {
    /// Twenty cells steering like bots (a new input every 4 ticks, 200 ms) for 30 s: the journal grows by the
    /// inputs and one tick record per tick, about 71 bytes per player per second (BENCHMARKS.md), and verifies.
    @Test func aMatchCostsLittleJournalAndVerifies() throws {
        var recorder = try JournalRecorder(rules: GrowthRules(), config: UniverseConfig(width: 120 * 256,
                                                                                          height: 120 * 256, seed: 3))
        for index in 0..<20 { _ = recorder.join(identity: PlayerIdentity(name: "cell-\(index)")) }
        let start = recorder.bytes.count
        let seconds = 30
        for tick in 1...UInt64(seconds * 20) {
            if tick % 4 == 0 {
                for (player, input) in RestoreCheck.scriptedInputs(for: recorder.universe.playerIDs, tick: tick) {
                    recorder.submitInput(input, from: player)
                }
            }
            recorder.step()
        }
        let perPlayerPerSecond = Double(recorder.bytes.count - start) / 20 / Double(seconds)
        #expect(perPlayerPerSecond < 80, "\(perPlayerPerSecond) bytes per player per second")
        #expect(perPlayerPerSecond > 60)
        let result = try JournalVerifier.verify(JournalReader.readAll(bytes: recorder.bytes)) { _ in GrowthRules() }
        #expect(result.divergence == nil && result.ticks == seconds * 20)
    }
}
