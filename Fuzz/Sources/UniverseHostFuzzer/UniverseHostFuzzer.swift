import FuzzSupport
import OrreryArena
import OrreryServer
import OrreryWire
import OrreryWorld

/// Drives one `UniverseHost` (in memory, with a manual clock) through a fuzzed sequence of connects, joins,
/// resumes (in either version), inputs with and without payloads, commands, pings, raw and text messages, disconnects, ticks and time jumps.
///
/// Input: bytes 0-1 pick the policy (player and spectator caps, grace and hello timeouts, history size, keep-alive),
/// whether connections carry ticket identities and the game (the arena, or `TallyRules` with commands and input
/// payloads); then one operation per byte with its arguments. Properties,
/// besides the per-connection ones of `Probe` (contiguous seqs, nothing after close, an error before each close):
/// - after every operation the host counts as many links as the driver has open connections, and as many sessions
///   as players plus spectators, each within its cap;
/// - a resume is welcomed at or after the seq after the one the client had;
/// - once everything disconnects and the grace period passes, links, sessions, players and spectators (and the
///   universe's own players) drain to zero.
enum UniverseHostFuzzer {
    static let tickNanoseconds: UInt64 = 50_000_000

    static func run(_ input: inout FuzzInput) {
        let shape = input.byte()
        let timing = input.byte()
        let policy = HostPolicy(
            maximumPlayers: 1 + Int(shape & 3), maximumSpectators: Int(shape >> 2 & 3),
            graceNanoseconds: UInt64(1 + timing & 7) * 250_000_000,
            helloTimeoutNanoseconds: UInt64(1 + timing >> 3 & 7) * 250_000_000,
            historySeconds: 1, historyMaximumBytes: timing & 64 == 0 ? 256 * 1024 : 600,
            input: InputLimiter.Policy(ratePerSecond: 20, burst: 5, maximumDrops: 8),
            keepAliveTicks: shape & 16 == 0 ? 20 : 2)
        let identities = shape & 32 != 0
        let config = UniverseConfig(width: 200 * 256, height: 200 * 256, viewRadius: 60 * 256, hysteresis: 8 * 256,
                                    seed: UInt64(shape))
        let rules: any GameRules = shape & 64 == 0
            ? ArenaRules(config: ArenaConfig(asteroidCount: 6, npcCount: 2)) : TallyRules()
        guard let universe = try? Universe(config: config, rules: rules) else {
            return fuzzCheck(false, "the game does not start")
        }
        var driver = Driver(host: UniverseHost(name: "fuzz", universe: universe, policy: policy,
                                               tokens: ResumeTokenSource(seed: UInt64(timing))),
                            identities: identities)
        var operations = 0
        while !input.isAtEnd && operations < 400 {
            driver.step(&input)
            driver.checkCounts()
            operations += 1
        }
        driver.drain()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    UniverseHostFuzzer.run(&input)
    return 0
}
