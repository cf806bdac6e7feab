import Foundation
import OrreryBots
import OrreryPosix
import OrreryServer
import OrreryWire
import Testing
@testable import orrery

@Suite struct BotsAndSpectateCommandTests {
    private func swarm(_ arguments: [String]) throws -> SwarmConfiguration {
        let command = BotsCommand()
        return try BotsCommand.configuration(CommandLineTool(commands: [command]).parse(arguments, for: command,
                                                                                       environment: [:]))
    }

    private func status(_ arguments: [String]) -> (Int32, [String]) {
        var errors: [String] = []
        let status = CommandLineTool.standard.run(arguments: arguments, environment: [:], output: { _ in },
                                                  errors: { errors.append($0) })
        return (status, errors)
    }

    @Test func botsDefaultsAndOptions() throws {
        let defaults = try swarm([])
        #expect(defaults.host == "127.0.0.1" && defaults.port == 8080 && defaults.universes == ["demo"])
        #expect(defaults.count == 10 && defaults.behaviors == [.wander] && defaults.rampPerSecond == 50)
        #expect(defaults.seed == 1 && defaults.loops == 1 && defaults.ticket == nil)
        let custom = try swarm(["--url", "ws://127.0.0.1:9000", "--universes", "alpha,beta", "--count", "500",
                                "--behavior", "wander,churn", "--ramp", "100", "--seed", "7", "--loops", "2",
                                "--ticket", "v1.t"])
        #expect(custom.port == 9000 && custom.universes == ["alpha", "beta"] && custom.count == 500)
        #expect(custom.behaviors == [.wander, .churn] && custom.rampPerSecond == 100 && custom.seed == 7)
        #expect(custom.loops == 2 && custom.ticket == "v1.t")
        #expect(try swarm(["--url", "ws://localhost:9000/universes/alpha"]).universes == ["alpha"])
    }

    @Test func botsMistakesAreUsageErrors() {
        for (arguments, message) in [
            (["--url", "http://x"], "--url"), (["--behavior", "fly"], "wander, chase, idle or churn"),
            (["--count", "0"], "--count"), (["--universes", "Alpha"], "names of 1-32 characters"),
            (["--duration", "forever"], "--duration"), (["--seed", "-1"], "--seed"),
        ] {
            let (code, errors) = status(["bots"] + arguments)
            #expect(code == CommandLineTool.usageStatus, "\(arguments)")
            #expect(errors.last?.contains(message) == true, "\(arguments): \(errors)")
        }
    }

    @Test func spectateRegionsAreInMetres() throws {
        #expect(try SpectateCommand.region("0,10,500,300") == Region(x: 0, y: 2560, width: 128_000, height: 76_800))
        for text in ["1,2,3", "0,0,0,5", "a,b,c,d", "0,0,-1,1"] {
            #expect(throws: UsageError.self) { try SpectateCommand.region(text) }
        }
        let (code, errors) = status(["spectate", "ws://127.0.0.1:1/play"])
        #expect(code == CommandLineTool.usageStatus && errors.last?.contains("ws://HOST:PORT/universes/NAME") == true)
    }

    @Test func helpTeachesWithExamples() {
        let bots = CommandLineTool.standard.help(for: BotsCommand())
        #expect(bots.contains("orrery bots --count 500 --behavior wander,chase,idle,churn --duration 60s"))
        #expect(bots.contains("--ramp N"))
        let spectate = CommandLineTool.standard.help(for: SpectateCommand())
        #expect(spectate.contains("Usage: orrery spectate [options] URL"))
        #expect(spectate.contains("orrery spectate ws://127.0.0.1:8080/universes/demo --follow"))
        #expect(CommandLineTool.standard.overview.contains("spectate") && CommandLineTool.standard.overview.contains("bots"))
    }

    /// Runs the built `orrery` binary with `arguments`, its stdin and stdout on a pseudo-terminal when `inTerminal`
    /// (whose output is drained and dropped), else on pipes; returns the exit status, stdout (pipes only) and stderr.
    private func orrery(_ arguments: [String], inTerminal: Bool = false) throws -> (Int32, String, String) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("orrery")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no orrery binary at \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardError = errors
        let pty = try PseudoTerminal()
        let screen = FileHandle(fileDescriptor: pty.controller.rawValue, closeOnDealloc: false)
        if inTerminal {
            let terminal = FileHandle(fileDescriptor: pty.terminal.rawValue, closeOnDealloc: false)
            process.standardInput = terminal
            process.standardOutput = terminal
            screen.readabilityHandler = { _ = $0.availableData }
        } else {
            process.standardInput = Pipe()
            process.standardOutput = output
        }
        try process.run()
        let standardError = errors.fileHandleForReading.readDataToEndOfFile()
        let standardOutput = inTerminal ? Data() : output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        screen.readabilityHandler = nil
        return (process.terminationStatus, String(decoding: standardOutput, as: UTF8.self),
                String(decoding: standardError, as: UTF8.self))
    }

    /// `orrery spectate` against a port nothing listens on fails within --timeout, saying why, with status 1.
    @Test func spectateOfADeadServerSaysWhyAndExits() throws {
        let (status, _, errors) = try orrery(["spectate", "ws://127.0.0.1:1/universes/demo", "--timeout", "500ms"],
                                             inTerminal: true)
        #expect(status == 1)
        #expect(errors.contains("orrery spectate: error: cannot watch: not welcomed within 0.5 seconds"), "\(errors)")
        #expect(errors.contains("connection refused by 127.0.0.1:1: is the server running on that port?"), "\(errors)")
    }

    /// An unknown universe is refused by the server (404): spectate stops at once with what the status means.
    @Test func spectateOfAnUnknownUniverseNamesTheStatus() throws {
        var configuration = RelayConfiguration()
        configuration.port = 0
        configuration.loops = 1
        let relay = try RelayServer(configuration: configuration,
                                    logger: Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in }))
        defer { relay.shutdown(timeout: .seconds(2)) }
        let (status, _, errors) = try orrery(["spectate", "ws://127.0.0.1:\(relay.port)/universes/nowhere",
                                              "--timeout", "60s"], inTerminal: true)
        #expect(status == 1)
        #expect(errors.contains("HTTP 404: no such universe on this server (GET /universes lists them)"), "\(errors)")
    }

    /// `orrery bots` against a dead server fails with the cause, and a host it cannot resolve is named.
    @Test func botsAgainstADeadServerNameTheCause() throws {
        let (status, output, _) = try orrery(["bots", "--url", "ws://127.0.0.1:1", "--count", "2", "--duration", "1s"])
        #expect(status == 1)
        #expect(output.contains("FAILED: no bot was welcomed (connection refused by 127.0.0.1:1: is the server "
                                + "running on that port?)"), "\(output)")
        let (unresolved, _, errors) = try orrery(["bots", "--url", "ws://nothing.invalid:8080", "--duration", "1s"])
        #expect(unresolved == 1 && errors.contains("cannot resolve host 'nothing.invalid'"), "\(errors)")
    }

    /// The built `orrery` binary run with pipes (never a terminal) refuses to draw, with a clear error.
    @Test func spectateNeedsATerminal() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("orrery")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no orrery binary at \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["spectate", "ws://127.0.0.1:1/universes/demo"]
        let output = Pipe(), errors = Pipe()
        process.standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(text.contains("needs a terminal on stdin and stdout"))
        #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}
