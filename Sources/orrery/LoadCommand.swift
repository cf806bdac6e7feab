import Foundation

/// `orrery load`: the relay benchmark: many lean players over real sockets against `orrery serve`.
struct LoadCommand: Command {
    let name = "load"
    let summary = "benchmark orrery serve: server CPU per delivered frame and tick durations under N players"
    let discussion = """
        Starts 'orrery serve' (this same binary) as a subprocess with universes created on demand, connects \
        --players lean WebSocket players in universes of --universe-size (player i joins load-(i / size)), \
        lets them play (an input every --input-interval each) for --warmup, then measures for --duration: frames \
        the players received, the server's CPU time (from /proc/PID/stat) and its tick-duration histogram \
        (from /metrics, refreshed every 50 ms). With --port it measures an already running server instead (give --pid for CPU).
        Build in release: swift build -c release && .build/release/orrery load --players 1000

        Examples:
          orrery load --players 1000 --duration 30s
          orrery load --players 2000 --server-loops 1 --loops 1
        """
    let options: [OptionSpec] = [
        .value("players", "N", default: "1000", help: "Players to connect."),
        .value("universe-size", "N", default: "100", help: "Players per universe."),
        .value("tick-rate", "HZ", default: "20", help: "Tick rate of the spawned server."),
        .value("duration", "DURATION", default: "30s", help: "Measured time."),
        .value("warmup", "DURATION", default: "5s", help: "Time played before measuring."),
        .value("input-interval", "DURATION", default: "200ms", help: "Time between one player's inputs."),
        .value("loops", "N", default: "1", help: "Client event loops."),
        .value("server-loops", "N", default: "1", help: "Event loops of the spawned server."),
        .value("port", "N", help: "Measure a running server on 127.0.0.1:N instead of spawning one."),
        .value("pid", "PID", help: "With --port: the server's process id, for its CPU time."),
    ]

    func run(_ options: ParsedOptions) throws -> Int32 {
        let players = try options.int("players", in: 1...100_000)
        let size = try options.int("universe-size", in: 1...100_000)
        let tickRate = try options.int("tick-rate", in: 1...1000)
        let duration = try options.seconds("duration", in: 1...86_400)
        let warmup = try options.seconds("warmup", in: 0...86_400)
        let interval = try options.seconds("input-interval", in: 0.001...60)
        let loops = try options.int("loops", in: 1...64)
        var server: Process?
        var port: Int
        var pid: Int32?
        if options.string("port") != nil {
            port = try options.int("port", in: 1...65535)
            pid = options.string("pid") == nil ? nil : Int32(try options.int("pid", in: 1...Int(Int32.max)))
        } else {
            let serverLoops = try options.int("server-loops", in: 1...64)
            let universes = (players + size - 1) / size
            let process = Process()
            // This very binary, however it was started (by path, or found on PATH).
            process.executableURL = Bundle.main.executableURL
            process.arguments = ["serve", "--port", "0", "--loops", "\(serverLoops)", "--universes", "",
                                 "--create-on-demand", "--max-universes", "\(universes)", "--players", "\(size)",
                                 "--tick-rate", "\(tickRate)", "--max-connections", "\(players + 100)",
                                 "--max-connections-per-ip", "\(players + 100)", "--handshake-rate", "1000000", "--http-rate", "1000000",
                                 "--metrics-interval", "50ms", "--log-level", "warn"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            server = process
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard let found = Int(line.split(separator: ":").last?.prefix { $0.isNumber } ?? "") else {
                process.terminate()
                throw LoadError.serverDidNotStart(output: line)
            }
            port = found
            pid = process.processIdentifier
        }
        defer {
            if let server {
                server.terminate()
                server.waitUntilExit()
            }
        }
        let swarm = try LoadSwarm(loops: loops)
        let started = Date()
        swarm.connect(count: players, host: "127.0.0.1", port: port, universeSize: size, prefix: "load")
        let connectSeconds = Date().timeIntervalSince(started)
        swarm.startInputs(every: .milliseconds(Int64(interval * 1000)))
        Thread.sleep(forTimeInterval: warmup)
        let probe = LoadProbe(host: "127.0.0.1", port: port, pid: pid)
        let first = try probe.read()
        let before = swarm.totals.withLock { $0 }
        Thread.sleep(forTimeInterval: duration)
        let after = swarm.totals.withLock { $0 }
        let last = try probe.read()
        swarm.stop()
        print(report(players: players, size: size, tickRate: tickRate, connectSeconds: connectSeconds,
                     first: first, last: last, before: before, after: after))
        return after.failed == 0 && after.welcomed == players ? 0 : 1
    }

    private func report(players: Int, size: Int, tickRate: Int, connectSeconds: Double, first: LoadProbe.Reading,
                        last: LoadProbe.Reading, before: LoadSwarm.Totals, after: LoadSwarm.Totals) -> String {
        let seconds = last.time - first.time
        let frames = Double(after.messages - before.messages)
        let serverFrames = (last.samples["orrery_frames_sent_total"] ?? 0) - (first.samples["orrery_frames_sent_total"] ?? 0)
        let ticks = (last.samples["orrery_ticks_total"] ?? 0) - (first.samples["orrery_ticks_total"] ?? 0)
        let overruns = (last.samples["orrery_tick_overruns_total"] ?? 0)
            - (first.samples["orrery_tick_overruns_total"] ?? 0)
        let name = "orrery_tick_duration_seconds"
        let p50 = LoadProbe.quantile(0.5, histogram: name, from: first, to: last) ?? .nan
        let p99 = LoadProbe.quantile(0.99, histogram: name, from: first, to: last) ?? .nan
        var lines = [
            "players \(players) in universes of \(size) at \(tickRate) Hz; connected in "
                + format(connectSeconds, 1) + " s; welcomed \(after.welcomed), failed \(after.failed), "
                + "closed \(after.closed)",
            "client frames received " + format(frames, 0) + " over " + format(seconds, 1) + " s ("
                + format(frames / seconds, 0) + "/s, " + format(Double(after.bytes - before.bytes) / seconds / 1024, 0)
                + " KiB/s); server WebSocket frames sent " + format(serverFrames, 0),
            "ticks " + format(ticks, 0) + " (all universes), overruns " + format(overruns, 0)
                + "; tick duration p50 " + format(p50 * 1e6, 0) + " µs, p99 " + format(p99 * 1e6, 0)
                + " µs (tick period " + format(1e6 / Double(tickRate), 0) + " µs)",
        ]
        if let start = first.cpuSeconds, let end = last.cpuSeconds {
            let cpu = end - start
            lines.append("server CPU " + format(cpu, 2) + " s = " + format(cpu / seconds * 100, 1)
                         + " % of one core; per delivered client-frame " + format(cpu / frames * 1e6, 2) + " µs")
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "-"
    }
}
