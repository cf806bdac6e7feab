import OrreryWorld

/// Proves a game's `saveState`/`restoreState`: runs a universe, snapshots it mid-match, restores the snapshot into
/// freshly built rules (default settings: the saved state must bring the real ones), and drives the original and
/// the restored universe with the same calls. Every following tick must give the same events for every observer,
/// the same messages, the same destroyed entities and the same state hash.
///
/// ```swift
/// let check = try RestoreCheck(original: Universe(rules: MyRules(config: tuned)), restoredRules: MyRules(),
///                              warmUp: 300, ticks: 1000) { universe, tick in
///     RestoreCheck.submitScriptedInputs(to: &universe, tick: tick)
/// }
/// #expect(check.failures == [])
/// ```
public struct RestoreCheck {
    /// Universe calls for one tick (joins, inputs, ...), the same for both runs.
    public typealias Driver = (_ universe: inout Universe, _ tick: UInt64) -> Void

    /// The first differences found (at most 10), as text; empty when the runs agree.
    public private(set) var failures: [String] = []
    /// Ticks compared, and events compared over all observers (so a test can check it compared something).
    public private(set) var ticks = 0
    public private(set) var events = 0

    /// The tick the snapshot was taken at.
    public private(set) var snapshotTick: UInt64 = 0

    /// Warms up for at least `warmUp` ticks and until `snapshotWhen` holds (so that the snapshot catches the
    /// rules with state worth saving), then compares `ticks` ticks.
    public init(original: Universe, restoredRules: any GameRules, warmUp: Int, ticks count: Int,
         snapshotWhen: (Universe) -> Bool = { _ in true }, driver: Driver) throws(StateError) {
        var original = original
        while original.tick < UInt64(warmUp) || !snapshotWhen(original) {
            driver(&original, original.tick &+ 1)
            original.step()
            if original.tick > UInt64(warmUp) + 5000 {
                note("the snapshot condition never held")
                break
            }
        }
        snapshotTick = original.tick
        var restored = try Universe(restoring: original.snapshot(), rules: restoredRules)
        if restored.snapshot() != original.snapshot() { note("the restored universe saves another snapshot") }
        for _ in 0..<count {
            let tick = original.tick &+ 1
            driver(&original, tick)
            driver(&restored, tick)
            original.step()
            restored.step()
            compare(original, restored, tick: tick)
            ticks += 1
        }
    }

    private mutating func compare(_ original: Universe, _ restored: Universe, tick: UInt64) {
        if original.observerIDs != restored.observerIDs { note("tick \(tick): observers differ") }
        for observer in original.observerIDs {
            let expected = original.events(for: observer)
            events += expected.count
            if Array(expected) != Array(restored.events(for: observer)) {
                note("tick \(tick): events of observer \(observer) differ")
            }
        }
        if original.messages != restored.messages { note("tick \(tick): messages differ") }
        if original.destroyedLastTick != restored.destroyedLastTick { note("tick \(tick): destroyed entities differ") }
        if original.stateHash() != restored.stateHash() { note("tick \(tick): state hashes differ") }
    }

    private mutating func note(_ failure: String) {
        if failures.count < 10 { failures.append(failure) }
    }
}

extension RestoreCheck {
    /// A snapshot condition: some player has no avatar (it waits to respawn), so the rules' pending state counts.
    public static func aPlayerWaits(_ universe: Universe) -> Bool {
        universe.playerIDs.contains { universe.avatar(of: $0) == 0 }
    }

    /// Deterministic pseudo-random inputs for a tick: about three players in four steer, throttle and fire by a
    /// hash of (tick, player); `payload` makes each input's game payload from the same hash.
    public static func submitScriptedInputs(to universe: inout Universe, tick: UInt64,
                                            payload: (UInt64) -> [UInt8] = { _ in [] }) {
        for (player, input) in scriptedInputs(for: universe.playerIDs, tick: tick, payload: payload) {
            universe.submitInput(input, from: player)
        }
    }

    /// The inputs `submitScriptedInputs` submits, for the caller to submit (e.g. through a journal recorder).
    public static func scriptedInputs(for players: [UInt32], tick: UInt64, payload: (UInt64) -> [UInt8] = { _ in [] })
        -> [(player: UInt32, input: PlayerInput)] {
        players.compactMap { player in
            var mix = tick &* 0x9E37_79B9 ^ UInt64(player) &* 0x85EB_CA6B
            let bits = SeededGenerator.splitMix64(&mix)
            guard bits & 3 != 0 else { return nil }
            return (player, PlayerInput(seq: UInt32(truncatingIfNeeded: tick), heading: UInt16(truncatingIfNeeded: bits >> 8),
                                        throttle: UInt8(truncatingIfNeeded: bits >> 24), actions: UInt8(bits >> 32 & 1),
                                        payload: payload(bits)))
        }
    }
}
