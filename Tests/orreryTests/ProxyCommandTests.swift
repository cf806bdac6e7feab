import OrreryProxy
import Testing
@testable import orrery

@Suite struct ProxyCommandTests {
    private let command = ProxyCommand()

    private func configuration(_ arguments: [String]) throws -> ProxyConfiguration {
        let tool = CommandLineTool(commands: [command])
        return try command.configuration(tool.parse(arguments, for: command, environment: [:]))
    }

    /// Runs `orrery proxy ARGUMENTS` up to option checking (every call here fails before listening).
    private func status(_ arguments: [String]) -> (Int32, [String]) {
        var errors: [String] = []
        let status = CommandLineTool(commands: [command]).run(arguments: ["proxy"] + arguments, environment: [:],
                                                              output: { _ in }, errors: { errors.append($0) })
        return (status, errors)
    }

    @Test func defaultsForwardUnshapedAndNeverCut() throws {
        let configuration = try configuration(["--upstream", "127.0.0.1:9001"])
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 9100)
        #expect(configuration.upstreamHost == "127.0.0.1")
        #expect(configuration.upstreamPort == 9001)
        #expect(configuration.link == .unshaped)
        #expect(configuration.cuts == .never)
        #expect(configuration.seed == 1)
    }

    @Test func everyOptionReachesTheConfiguration() throws {
        let configuration = try configuration([
            "--listen", "[::1]:0", "--upstream=localhost:80", "--delay", "150ms", "--jitter", "0.05",
            "--bandwidth", "64kbps", "--cut-every", "30s", "--seed", "18446744073709551615",
        ])
        #expect(configuration.listenHost == "::1")
        #expect(configuration.listenPort == 0)
        #expect(configuration.upstreamHost == "localhost")
        #expect(configuration.link.delayNanoseconds == 150_000_000)
        #expect(configuration.link.jitterNanoseconds == 50_000_000)
        #expect(configuration.link.bytesPerSecond == 8000)
        #expect(configuration.cuts == CutSchedule(every: .seconds(30)))
        #expect(configuration.seed == .max)
        #expect(configuration.link.lossRate == 0)
        let lossy = try self.configuration(["--upstream", "127.0.0.1:1", "--delay", "150ms", "--loss", "2%"])
        #expect(lossy.link.lossRate == 0.02 && lossy.link.retransmissionTimeoutNanoseconds == 300_000_000)
        let timed = try self.configuration(["--upstream", "127.0.0.1:1", "--loss", "0.5", "--rto", "250ms"])
        #expect(timed.link.lossRate == 0.005 && timed.link.retransmissionTimeoutNanoseconds == 250_000_000)
    }

    @Test func bandwidthIsInBitsPerSecondWithDecimalUnits() throws {
        #expect(try ProxyCommand.bytesPerSecond("unlimited") == nil)
        #expect(try ProxyCommand.bytesPerSecond("64kbps") == 8000)
        #expect(try ProxyCommand.bytesPerSecond("1mbps") == 125_000)
        #expect(try ProxyCommand.bytesPerSecond("1Mbps") == 125_000)
        #expect(try ProxyCommand.bytesPerSecond("2.5gbps") == 312_500_000)
        #expect(try ProxyCommand.bytesPerSecond("9600bps") == 1200)
        for bad in ["500kBps", "1MBps", "64k", "fast", "0kbps", "-1mbps", "500bps", "9000gbps", "nanmbps"] {
            #expect(throws: UsageError.self, "\(bad)") { try ProxyCommand.bytesPerSecond(bad) }
        }
    }

    @Test func endpointsNeedAHostAndAPort() throws {
        #expect(try ProxyCommand.endpoint("127.0.0.1:9100", option: "listen") == ("127.0.0.1", 9100))
        #expect(try ProxyCommand.endpoint("[::1]:7", option: "listen") == ("::1", 7))
        for bad in ["127.0.0.1", ":80", "127.0.0.1:65536", "127.0.0.1:-1", "host:port", ""] {
            #expect(throws: UsageError.self, "\(bad)") { try ProxyCommand.endpoint(bad, option: "listen") }
        }
    }

    @Test func mistakesAreUsageErrors() {
        let cases: [([String], String)] = [
            ([], "option '--upstream' is required"),
            (["--upstream"], "option '--upstream' needs a value"),
            (["--upstream", "127.0.0.1:1", "--loss", "60%"], "a percentage from 0% to 50%"),
            (["--upstream", "127.0.0.1:1", "--loss", "two"], "a percentage"),
            (["--upstream", "127.0.0.1:1", "--rto", "0s"], "a duration"),
            (["--upstream", "example.com:80"], "numeric IPv4 or IPv6 address"),
            (["--upstream", "127.0.0.1:1", "--bandwidth", "500kBps"], "'B' for bytes is not accepted"),
            (["--upstream", "127.0.0.1:1", "--delay", "-5ms"], "a duration"),
            (["--upstream", "127.0.0.1:1", "--cut-every", "0s"], "a duration"),
            (["--upstream", "127.0.0.1:1", "--seed", "-1"], "a whole number"),
            (["--upstream", "127.0.0.1:1", "--listen", "127.0.0.1"], "HOST:PORT"),
        ]
        for (arguments, message) in cases {
            let (status, errors) = status(arguments)
            #expect(status == CommandLineTool.usageStatus, "\(arguments)")
            #expect(errors.last?.contains(message) == true, "\(arguments): \(errors)")
        }
    }

    @Test func helpTeachesWithExamples() {
        let help = CommandLineTool.standard.help(for: command)
        #expect(help.contains("150 ms ± 50 ms each way"))
        #expect(help.contains("orrery proxy --upstream 127.0.0.1:9001 --delay 150ms --jitter 50ms"))
        #expect(help.contains("--bandwidth RATE"))
        #expect(help.contains("--loss PERCENT") && help.contains("orrery proxy --upstream 127.0.0.1:9001 --delay 100ms --loss 2% --seed 3"))
        #expect(help.contains("max(200ms, 2 × --delay)"))
        #expect(CommandLineTool.standard.overview.contains("proxy"))
    }
}
