import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// Universes share nothing: running two side by side gives each the byte streams it gives alone.
@Suite struct IsolationTests {
    @Test func aUniverseSendsTheSameBytesAloneAndBesideAnother() throws {
        var first = try GameHarness.arena(seed: 1, players: 20, inputSeed: 3)
        var second = try GameHarness.arena(seed: 2, players: 20, inputSeed: 4)
        first.addSpectator(region: nil)
        second.addSpectator(region: nil)
        for _ in 1...300 {
            first.driveInputs()
            second.driveInputs()
            first.step()
            second.step()
            first.verifyReplicas()
            second.verifyReplicas()
        }
        var alone = try GameHarness.arena(seed: 1, players: 20, inputSeed: 3)
        alone.addSpectator(region: nil)
        for _ in 1...300 {
            alone.driveInputs()
            alone.step()
        }
        #expect(first.failures == [] && second.failures == [] && alone.failures == [])
        #expect(first.sessions.count == 21 && Set(first.sessions.keys) == Set(alone.sessions.keys))
        for (observer, session) in first.sessions {
            #expect(session.stream == alone.sessions[observer]?.stream, "observer \(observer)")
        }
        // The two universes' sessions really did receive different things.
        let differing = first.sessions.filter { $0.value.stream != second.sessions[$0.key]?.stream }
        #expect(differing.count == first.sessions.count)
        #expect(first.sessions.values.reduce(0) { $0 + $1.stream.count } > 1_000)
    }
}
