import Foundation
import OrreryBots
import OrreryClient
import OrreryPosix
import Synchronization

/// `orrery bots`: a swarm of scripted players that load a server and check the protocol as they play.
struct BotsCommand: Command {
    let name = "bots"
    let summary = "run many scripted players against a server, checking the protocol; exit 1 if any check failed"
    let discussion = """
        Starts --count bots in this process, --ramp new connections per second, spread over --universes \
        (round-robin) and --behavior (so every universe gets each behaviour). Bots join any game: they steer \
        with heading, throttle and the fire bit, and read the game's schema. Each bot keeps an exact replica, \
        plays by its behaviour and checks everything it receives: contiguous seqs, messages that decode, no \
        entity outside its view (radius + hysteresis around its avatar at that tick), every entity without an \
        event exactly where dead reckoning puts it, properties only for entities in view with the types and \
        lengths the schema declares, game messages with codes the schema declares, and input acknowledgements \
        that name sent inputs. A game can ship a brain of its own (OrreryBots.GameBotBrain, set as \
        SwarmConfiguration.brain in its own executable). A lost \
        connection is resumed with its token after an exponential backoff with jitter (0.5 s doubling to 15 s); \
        a resume the server rejects (4003) joins anew.

        Behaviours:
          wander   random heading changes and throttle, fires now and then (5 inputs/s)
          chase    steers toward the nearest ship in view (in another game: the nearest entity of a kind
                   drawn as a triangle or labelled), fires when aligned; wanders when alone
          idle     joins and sends nothing but pings
          churn    plays 1-4 s, disconnects (cleanly or as a cut), stays away 0.2-1.5 s, resumes or rejoins

        While running it shows a progress line (on a terminal; otherwise one line every 5 s): bots connected, \
        frames/s, bytes/s, seq gaps, failed checks, errors, reconnects, input→ack latency (p50/p99). At the end \
        (after --duration, or on Ctrl-C) it prints a summary, or with --json one JSON object on stdout (the \
        progress then goes to stderr). Exit status 0 when no check failed, every bot was welcomed and none was \
        refused for good; 1 otherwise.

        The server's per-address limits apply to all bots of one process: raise them for big swarms, e.g. \
        orrery serve --players 600 --max-connections-per-ip 1000 --handshake-rate 200.

        Examples:
          orrery bots                                          # 10 wandering bots in 'demo' for 30 s
          orrery bots --count 500 --behavior wander,chase,idle,churn --duration 60s
          orrery bots --url ws://127.0.0.1:9000 --universes alpha,beta --count 200 --ramp 100
          orrery bots --url ws://127.0.0.1:8080/universes/alpha --count 20 --behavior churn --json
        """
    let options: [OptionSpec] = [
        .value("url", "URL", default: "ws://127.0.0.1:8080", env: "ORRERY_URL",
               help: "The server, ws://HOST:PORT (or ws://HOST:PORT/universes/NAME for one universe)."),
        .value("universes", "NAMES", help: "Comma-separated universes to join (default: the URL's, else demo)."),
        .value("count", "N", default: "10", help: "Number of bots."),
        .value("behavior", "LIST", default: "wander", help: "wander, chase, idle or churn; a comma-separated list mixes them."),
        .value("duration", "DURATION", default: "30s", help: "How long to run, e.g. 90s or 2.5s."),
        .value("ramp", "N", default: "50", help: "New connections per second while starting."),
        .value("seed", "N", default: "1", help: "Seed of every bot's choices and reconnect jitter."),
        .value("loops", "N", default: "1", help: "Event loop threads the bots share."),
        .value("ticket", "TICKET", env: "ORRERY_TICKET", help: "A ticket for servers in ticket mode (sent by every bot)."),
        .flag("json", help: "Print the final summary as one JSON object on stdout."),
    ]

    func run(_ options: ParsedOptions) throws -> Int32 {
        let configuration = try Self.configuration(options)
        let duration = try options.seconds("duration", in: 0.1...31_536_000)
        let json = options.flag("json")
        _ = try? ResourceLimits.raiseOpenFiles()
        let signals = SignalWaiter(try SignalDescriptor(signals: [Signals.interrupt, Signals.terminate]))
        let swarm = try Swarm(configuration: configuration)
        let interrupted = Atomic<Bool>(false)
        let waiter = try PosixThread(name: "bots-signals") {
            _ = try? signals.descriptor.wait()
            interrupted.store(true, ordering: .relaxed)
        }
        let progress = ProgressWriter(descriptor: json ? STDERR_FILENO : STDOUT_FILENO)
        swarm.start()
        let end = Date().addingTimeInterval(duration)
        var previous: SwarmSnapshot?
        while !interrupted.load(ordering: .relaxed), Date() < end {
            Thread.sleep(forTimeInterval: min(progress.interval, max(0.01, end.timeIntervalSinceNow)))
            guard progress.isDue else { continue }
            let snapshot = swarm.snapshot()
            progress.show(SwarmReport.progressLine(snapshot, previous: previous))
            previous = snapshot
        }
        let final = swarm.stop()
        progress.finish()
        if json {
            FileHandle.standardOutput.write(Data((SwarmSummary(final).json + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(Data((SwarmReport.summary(final, configuration: configuration) + "\n").utf8))
        }
        if !interrupted.load(ordering: .relaxed) { try? SignalDescriptor.raiseInProcess(Signals.terminate) }
        waiter.join()
        return final.passed ? 0 : 1
    }

    /// The swarm the options describe.
    static func configuration(_ options: ParsedOptions) throws(UsageError) -> SwarmConfiguration {
        let urlText = options.string("url") ?? ""
        let server: (host: String, port: Int, universe: String?)
        do {
            server = try GameAddress.server(parsing: urlText)
        } catch {
            throw .invalidValue(option: "url", value: urlText, expected: "ws://HOST:PORT or ws://HOST:PORT/universes/NAME")
        }
        let universes = options.string("universes").map { _ in options.list("universes") } ?? [server.universe ?? "demo"]
        guard !universes.isEmpty else {
            throw .invalidValue(option: "universes", value: options.string("universes") ?? "", expected: "a list of universe names")
        }
        for universe in universes where !GameAddress.isValidUniverse(universe) {
            throw .invalidValue(option: "universes", value: universe, expected: "names of 1-32 characters from a-z, 0-9, _ and -")
        }
        let behaviorText = options.string("behavior") ?? ""
        guard let behaviors = BotBehavior.list(parsing: behaviorText) else {
            throw .invalidValue(option: "behavior", value: behaviorText, expected: "wander, chase, idle or churn (or a comma-separated list)")
        }
        var configuration = SwarmConfiguration(host: server.host, port: server.port, universes: universes,
                                               count: try options.int("count", in: 1...1_000_000), behaviors: behaviors)
        configuration.rampPerSecond = try options.double("ramp", in: 0.01...1_000_000)
        configuration.seed = try options.uint64("seed")
        configuration.loops = try options.int("loops", in: 1...256)
        configuration.ticket = options.string("ticket")
        return configuration
    }
}
