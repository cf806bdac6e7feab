import Foundation
import OrreryBots
import OrreryServer
import OrreryWorld

/// A game played live for a test: a relay on a free port of 127.0.0.1 serving one universe with the game's
/// rules, and a swarm of bots (the game's own brain, or `orrery bots`' behaviours) playing it over real
/// WebSockets, every bot checking the protocol as it plays (properties and messages included).
public enum LiveMatch {
    /// Serves `rules` in universe `universe` (a world `worldMetres` square), lets `swarm` (its host, port and
    /// universes are filled in) play for `seconds` once every bot was welcomed, and returns the swarm's final
    /// snapshot; `snapshot.passed` says whether every check held.
    public static func play(universe: String = "live", worldMetres: Int32 = 200, rules: @escaping GameRulesFactory,
                            swarm: SwarmConfiguration, seconds: Double) throws -> SwarmSnapshot {
        var configuration = RelayConfiguration()
        configuration.port = 0
        configuration.loops = 1
        configuration.universes = [universe]
        configuration.worldMetres = worldMetres
        configuration.rules = rules
        configuration.maximumConnectionsPerIP = 10_000
        configuration.handshakesPerIPPerSecond = 100_000
        configuration.pingIntervalSeconds = 0
        let relay = try RelayServer(configuration: configuration,
                                    logger: Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in }))
        defer { relay.shutdown(timeout: .seconds(2)) }
        var bots = swarm
        bots.host = "127.0.0.1"
        bots.port = relay.port
        bots.universes = [universe]
        let players = try Swarm(configuration: bots)
        players.start()
        // A hang guard (up to 60 s), not a timing assertion: wait until every bot was welcomed, then play.
        for _ in 0..<3_000 where players.snapshot().welcomed < bots.count { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: seconds)
        return players.stop()
    }
}
