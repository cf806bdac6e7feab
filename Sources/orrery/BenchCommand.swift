import Foundation

/// `orrery bench`: measurements of the game core (not tests): the cost of a tick per player, and the bytes each
/// client receives compared with two common alternatives.
struct BenchCommand: Command {
    let name = "bench"
    let summary = "measure the game core: tick cost per player, bandwidth against two baselines, journal costs"
    let discussion = """
        MODE is one of:
          tick       arena universes of each --players size at a fixed density (4 entities and 100 m x 100 m \
        per player); times simulation + interest + encoding every player's frame per tick, after --warmup ticks.
          bandwidth  one arena universe at 20 Hz for --seconds (after --warmup ticks): bytes per client per \
        second of event frames versus a full-view snapshot every tick and a position-delta stream, WebSocket \
        frame headers included.
        With --journal DIR (tick mode) each size runs without a journal and then with one in each sync mode \
        (tick, interval, os), side by side, journals written under DIR.
          journal    arena universes of each --players size (default 100,1000) recorded for --ticks ticks after \
        --warmup: journal bytes per player per second, snapshot size, verify speed against real time; then the \
        save and restore time of a 10,000-entity universe.
        Build in release: swift run -c release orrery bench tick --players 100,1000,10000 --ticks 400

        Examples:
          orrery bench tick --players 100,1000,10000 --ticks 400
          orrery bench tick --players 1000 --spectators 1000
          orrery bench bandwidth --players 100 --seconds 30
        """
    let positionals = ["MODE"]
    let options: [OptionSpec] = [
        .value("players", "LIST", help: "Players per universe, comma-separated (tick: default 100,1000,10000; "
               + "bandwidth: default 100)."),
        .value("ticks", "N", default: "400", help: "Measured ticks per size (tick mode)."),
        .value("seconds", "S", default: "30", help: "Measured simulated seconds (bandwidth mode)."),
        .value("warmup", "N", default: "100", help: "Ticks run before measuring."),
        .value("seed", "N", default: "1", help: "Seed of the universes and the players' inputs."),
        .value("spectators", "N", default: "0", help: "Whole-world spectators per universe, their frames encoded "
               + "too (tick mode)."),
        .value("journal", "DIR", help: "Tick mode: compare no journal with each sync mode, journals written under DIR."),
    ]

    func run(_ options: ParsedOptions) throws -> Int32 {
        let mode = options.positionals[0]
        let warmup = try options.int("warmup", in: 0...1_000_000)
        let seed = UInt64(try options.int("seed", in: 0...Int.max))
        switch mode {
        case "tick":
            let players = try playerCounts(options, default: [100, 1_000, 10_000])
            let ticks = try options.int("ticks", in: 1...1_000_000)
            let spectators = try options.int("spectators", in: 0...100_000)
            print(try BenchTick(playerCounts: players, spectators: spectators, ticks: ticks, warmup: warmup,
                                seed: seed, journalDirectory: options.string("journal")).run())
        case "journal":
            let players = try playerCounts(options, default: [100, 1_000])
            let ticks = try options.int("ticks", in: 1...1_000_000)
            print(try BenchJournal(playerCounts: players, ticks: ticks, warmup: warmup, seed: seed).run())
        case "bandwidth":
            let players = try playerCounts(options, default: [100])
            let seconds = try options.int("seconds", in: 1...86_400)
            for count in players {
                print(try BenchBandwidth(players: count, seconds: seconds, warmup: warmup, seed: seed).run())
            }
        default:
            throw UsageError.invalidArgument(argument: "MODE", value: mode,
                                             expected: "'tick', 'bandwidth' or 'journal'")
        }
        return 0
    }

    private func playerCounts(_ options: ParsedOptions, default counts: [Int]) throws(UsageError) -> [Int] {
        let items = options.list("players")
        if items.isEmpty { return counts }
        var result: [Int] = []
        for item in items {
            guard let count = Int(item), (1...100_000).contains(count) else {
                throw .invalidValue(option: "players", value: item, expected: "a player count from 1 to 100000")
            }
            result.append(count)
        }
        return result
    }
}
