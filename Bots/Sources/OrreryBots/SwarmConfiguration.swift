import OrreryClient

/// What `Swarm` runs: how many bots, where, how they play, and how fast they arrive.
public struct SwarmConfiguration: Sendable {
    /// The server's host and port.
    public var host: String
    public var port: Int
    /// Universes the bots join, round-robin: bot i joins `universes[i % universes.count]`.
    public var universes: [String]
    /// Number of bots.
    public var count: Int
    /// Behaviours, spread so that every universe gets each of them (bot i plays
    /// `behaviors[(i / universes.count) % behaviors.count]`).
    public var behaviors: [BotBehavior]
    /// New connections per second while the swarm ramps up. Default 50.
    public var rampPerSecond: Double
    /// Seed of every bot's choices and reconnect jitter. Default 1.
    public var seed: UInt64
    /// Event loop threads the bots share. Default 1.
    public var loops: Int
    /// A ticket for servers in ticket mode (the same for every bot), or nil.
    public var ticket: String?
    /// Reconnect backoff of every bot.
    public var reconnect: ReconnectPolicy
    /// A started bot not welcomed after this long counts as never welcomed (a failure). Default 10 s, the
    /// server's default hello timeout.
    public var welcomeGrace: Duration
    /// A game's own brain for every bot that plays (not idle ones): called once per bot with its index and
    /// seed. Nil (the default) plays the behaviours' built-in `BotBrain`, which steers and fires in any game.
    public var brain: (@Sendable (_ index: Int, _ seed: UInt64) -> any GameBotBrain)?

    /// A configuration with the defaults described on each property.
    public init(host: String, port: Int, universes: [String], count: Int, behaviors: [BotBehavior]) {
        self.host = host
        self.port = port
        self.universes = universes
        self.count = count
        self.behaviors = behaviors
        rampPerSecond = 50
        seed = 1
        loops = 1
        reconnect = ReconnectPolicy()
        welcomeGrace = .seconds(10)
    }

    /// The universe bot `index` joins.
    public func universe(of index: Int) -> String {
        universes[index % universes.count]
    }

    /// The behaviour bot `index` plays.
    public func behavior(of index: Int) -> BotBehavior {
        behaviors[(index / universes.count) % behaviors.count]
    }

    /// Checks the configuration; returns it unchanged or throws why it cannot run.
    func validated() throws(SwarmError) -> SwarmConfiguration {
        guard count > 0, !universes.isEmpty, !behaviors.isEmpty, loops > 0, rampPerSecond > 0 else {
            throw .invalidConfiguration("a swarm needs at least one bot, universe, behaviour and loop, and a positive ramp")
        }
        for name in universes {
            do {
                _ = try GameAddress(host: host, port: port, universe: name)
            } catch {
                throw .invalidConfiguration("\(error)")
            }
        }
        return self
    }
}
