import Dispatch
import Foundation
import OrreryNet
import OrreryPosix
import OrreryProxy
import Synchronization

/// `orrery proxy`: a TCP proxy that delays, throttles and cuts connections, reproducibly per connection.
struct ProxyCommand: Command {
    let name = "proxy"
    let summary = "forward TCP connections with seeded delay, jitter, bandwidth cap, TCP-like loss and cuts"
    let discussion = """
        Accepts clients on --listen and connects each one to --upstream, shaping both directions the same way: \
        every chunk read is held for --delay plus a uniform draw in ±--jitter (never reordering the byte stream), \
        then released at most at --bandwidth. With --cut-every D each connection is closed on both sides after \
        its own interval drawn uniformly in [D/2, 3D/2]. Connection i (0 for the first accepted) draws from \
        hash(--seed, i), so the same seed shapes and cuts it the same way in every run.

        Loss is what TCP makes of it, not dropped bytes: with --loss P each segment (every read, one per 1460 \
        bytes) is lost with probability P and sent again after --rto (doubling if lost again). The stream keeps \
        its order, so everything behind the lost segment waits too, then arrives at once in a burst: at 2 % \
        loss a game stream stalls for about --rto now and then, and the frames held meanwhile land together. \
        The default --rto is max(200ms, 2 × --delay), TCP's minimum and about one round trip. Losses are drawn \
        from the connection's seed too: the same seed and the same reads lose the same segments.

        Durations are a number with ms or s (seconds when bare). Bandwidth is in bits per second with a decimal \
        unit: bps, kbps, mbps or gbps (1kbps = 1000 bits/s = 125 bytes/s); 'B' for bytes is not accepted. \
        Prints 'listening HOST:PORT' once ready (port 0 picks a free port); SIGINT or SIGTERM stops it \
        (exit 0) after printing a summary to stderr.

        Examples:
          150 ms ± 50 ms each way in front of a local server:
            orrery proxy --upstream 127.0.0.1:9001 --delay 150ms --jitter 50ms
          A 1 Mbit/s link that cuts every connection after 15-45 s, reproducible with seed 7:
            orrery proxy --listen 127.0.0.1:0 --upstream 127.0.0.1:9001 --bandwidth 1mbps --cut-every 30s --seed 7
          A 64 kbit/s link with 300 ms one-way delay:
            orrery proxy --upstream 127.0.0.1:9001 --delay 300ms --bandwidth 64kbps
          2 % loss behind 100 ms each way (stalls of 200 ms), seeded with 3:
            orrery proxy --upstream 127.0.0.1:9001 --delay 100ms --loss 2% --seed 3
        """
    let options: [OptionSpec] = [
        .value("listen", "HOST:PORT", default: "127.0.0.1:9100",
               help: "Where clients connect: a numeric address or localhost, and a port (0 picks one)."),
        .value("upstream", "HOST:PORT", help: "The server to forward to (required), e.g. 127.0.0.1:9001."),
        .value("delay", "DURATION", default: "0ms", help: "One-way delay added in each direction, e.g. 150ms."),
        .value("jitter", "DURATION", default: "0ms",
               help: "Each chunk's delay moves by a uniform draw in ±this (never below zero, never reordering)."),
        .value("bandwidth", "RATE", default: "unlimited",
               help: "Cap per direction per connection in bits per second: e.g. 64kbps, 1mbps, 2.5gbps."),
        .value("loss", "PERCENT", default: "0%",
               help: "Segments lost per direction, e.g. 2% (0% to 50%); each stalls the stream for --rto, then bursts."),
        .value("rto", "DURATION", default: "auto",
               help: "Retransmission timeout of a lost segment; auto is max(200ms, 2 × --delay)."),
        .value("cut-every", "DURATION", default: "never",
               help: "Close each connection on both sides after a seeded interval in [D/2, 3D/2]."),
        .value("seed", "N", default: "1", help: "Seed of every jitter draw, loss and cut time (0 to 2^64-1)."),
    ]

    func run(_ options: ParsedOptions) throws -> Int32 {
        let configuration = try configuration(options)
        let signals = try SignalDescriptor(signals: [Signals.interrupt, Signals.terminate])
        let group = try EventLoopGroup(loopCount: 1, name: "orrery-proxy")
        defer { group.shutdown() }
        let loop = group.loops[0]
        let server = try Self.onLoop(loop) {
            Result { () throws(PosixError) in try ProxyServer(configuration: configuration, loop: loop) }
        }.get()
        let address = try Self.onLoop(loop) { server.address }
        FileHandle.standardOutput.write(Data("listening \(address)\n".utf8))
        _ = try signals.wait()
        let statistics = try Self.onLoop(loop) {
            server.stop()
            return server.statistics
        }
        CommandLineTool.writeStandardError("orrery proxy: \(statistics)")
        return 0
    }

    /// The proxy configuration the options describe.
    func configuration(_ options: ParsedOptions) throws(UsageError) -> ProxyConfiguration {
        let upstream = try Self.endpoint(try options.required("upstream"), option: "upstream")
        let listen = try Self.endpoint(options.string("listen") ?? "", option: "listen")
        for (option, endpoint) in [("upstream", upstream), ("listen", listen)] {
            guard (try? SocketAddress(host: endpoint.host, port: endpoint.port)) != nil else {
                throw .invalidValue(option: option, value: options.string(option) ?? "",
                                    expected: "a numeric IPv4 or IPv6 address or localhost with a port")
            }
        }
        var configuration = ProxyConfiguration(upstreamHost: upstream.host, upstreamPort: upstream.port)
        configuration.listenHost = listen.host
        configuration.listenPort = listen.port
        let delay = Self.duration(try options.seconds("delay", in: 0...3600))
        let jitter = Self.duration(try options.seconds("jitter", in: 0...3600))
        let bandwidth = try Self.bytesPerSecond(options.string("bandwidth") ?? "unlimited")
        let loss = try Self.lossFraction(options.string("loss") ?? "0%")
        let rto = options.string("rto") == "auto" ? nil : Self.duration(try options.seconds("rto", in: 0.001...3600))
        do {
            configuration.link = try LinkProfile(delay: delay, jitter: jitter, bytesPerSecond: bandwidth,
                                                 loss: loss, retransmissionTimeout: rto)
        } catch {
            throw .invalidValue(option: "bandwidth", value: options.string("bandwidth") ?? "", expected: "usable: \(error)")
        }
        if options.string("cut-every") != "never" {
            configuration.cuts = CutSchedule(every: Self.duration(try options.seconds("cut-every", in: 0.001...31_536_000)))
        }
        configuration.seed = try options.uint64("seed")
        return configuration
    }

    /// Splits `HOST:PORT` (IPv6 hosts in brackets: `[::1]:9100`).
    static func endpoint(_ text: String, option: String) throws(UsageError) -> (host: String, port: Int) {
        let invalid = UsageError.invalidValue(option: option, value: text,
                                              expected: "HOST:PORT with a port from 0 to 65535 (e.g. 127.0.0.1:9100)")
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { throw invalid }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { throw invalid }
        return (String(host), port)
    }

    /// Bytes per second for a rate in bits per second (`64kbps`, `1Mbps`, `2.5gbps`, `9600bps`; the prefix in
    /// either case, never a capital B), or `nil` for `unlimited`.
    static func bytesPerSecond(_ text: String) throws(UsageError) -> Int? {
        if text == "unlimited" { return nil }
        let units: [(suffix: String, bits: Double)] = [("kbps", 1e3), ("mbps", 1e6), ("gbps", 1e9), ("bps", 1)]
        let expected = "a rate in bits per second such as 64kbps, 1mbps or 2.5gbps (k = 1000; 'B' for bytes is not accepted)"
        let lowered = text.lowercased()
        guard !text.contains("B"), let unit = units.first(where: { lowered.hasSuffix($0.suffix) }),
              let number = Double(lowered.dropLast(unit.suffix.count)), number.isFinite, number > 0 else {
            throw .invalidValue(option: "bandwidth", value: text, expected: expected)
        }
        let bytes = (number * unit.bits / 8).rounded()
        guard bytes <= Double(LinkProfile.bandwidthRange.upperBound),
              LinkProfile.bandwidthRange.contains(Int(bytes)) else {
            throw .invalidValue(option: "bandwidth", value: text, expected: "a rate from 1kbps to 8000gbps")
        }
        return Int(bytes)
    }

    /// The fraction for a loss given in percent (`2%`, `0.5%`, or a bare `2`), in `LinkProfile.lossRange`.
    static func lossFraction(_ text: String) throws(UsageError) -> Double {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        let limit = LinkProfile.lossRange.upperBound * 100
        guard let percent = Double(number), percent.isFinite, (0...limit).contains(percent) else {
            throw .invalidValue(option: "loss", value: text, expected: "a percentage from 0% to \(Int(limit))% (e.g. 2%)")
        }
        return percent / 100
    }

    private static func duration(_ seconds: Double) -> Duration {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Runs `body` on `loop` and waits for its result (the loop must be running on another thread).
    private static func onLoop<T: Sendable>(_ loop: EventLoop, _ body: @escaping @Sendable () -> T) throws -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        guard loop.execute({
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }) else { throw CancellationError() }
        done.wait()
        return result.withLock { $0! }
    }
}
