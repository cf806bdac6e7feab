import Testing
@testable import orrery

/// A command used only to exercise parsing and help.
private struct SampleCommand: Command {
    let name = "sample"
    let summary = "a command for tests"
    let discussion = "Example: orrery sample --port 1"
    let positionals = ["URL"]
    let options: [OptionSpec] = [
        .value("port", "N", default: "9001", env: "SAMPLE_PORT", help: "TCP port."),
        .value("delay", "D", default: "100ms", help: "Delay."),
        .flag("broadcast", env: "SAMPLE_BROADCAST", help: "Send to all."),
    ]
    func run(_ options: ParsedOptions) throws -> Int32 {
        Int32(try options.int("port", in: 0...65535) % 256)
    }
}

@Suite struct CommandLineToolTests {
    let tool = CommandLineTool(commands: [SampleCommand()])

    @Test func defaultsEnvironmentAndCommandLineInThatOrder() throws {
        let command = SampleCommand()
        let defaults = try tool.parse(["u"], for: command, environment: [:])
        #expect(defaults.string("port") == "9001")
        #expect(!defaults.flag("broadcast"))
        let fromEnvironment = try tool.parse(["u"], for: command,
                                             environment: ["SAMPLE_PORT": "7", "SAMPLE_BROADCAST": "true"])
        #expect(fromEnvironment.string("port") == "7")
        #expect(fromEnvironment.flag("broadcast"))
        let fromLine = try tool.parse(["--port=8", "u", "--broadcast"], for: command,
                                      environment: ["SAMPLE_PORT": "7"])
        #expect(fromLine.string("port") == "8")
        #expect(fromLine.positionals == ["u"])
        #expect(try fromLine.seconds("delay", in: 0...10) == 0.1)
    }

    @Test func usageErrorsAreTyped() {
        let command = SampleCommand()
        #expect(throws: UsageError.unknownOption(command: "sample", option: "--nope")) {
            try tool.parse(["--nope", "u"], for: command, environment: [:])
        }
        #expect(throws: UsageError.missingValue(option: "port")) {
            try tool.parse(["u", "--port"], for: command, environment: [:])
        }
        #expect(throws: UsageError.missingArgument(command: "sample", argument: "URL")) {
            try tool.parse([], for: command, environment: [:])
        }
        #expect(throws: UsageError.unexpectedArgument(command: "sample", argument: "v")) {
            try tool.parse(["u", "v"], for: command, environment: [:])
        }
        #expect(throws: UsageError.self) {
            try tool.parse(["u", "--port", "x"], for: command, environment: [:]).int("port")
        }
        // A single dash and a letter is a mistyped option, not a positional argument.
        #expect(throws: UsageError.unknownOption(command: "sample", option: "-p")) {
            try tool.parse(["u", "-p", "1"], for: command, environment: [:])
        }
        // An option without a default that was not given is missing, not "missing a value".
        #expect(throws: UsageError.missingOption(option: "ticket")) {
            try ParsedOptions(values: [:], flags: [], positionals: []).required("ticket")
        }
    }

    @Test func usageErrorsNameWhatWasWrong() {
        #expect(UsageError.missingOption(option: "upstream").description == "option '--upstream' is required (it has no default)")
        #expect(UsageError.missingValue(option: "port").description == "option '--port' needs a value")
        #expect(UsageError.invalidArgument(argument: "URL", value: "x", expected: "a ws:// URL").description
                    == "argument URL: 'x' is not a ws:// URL")
        #expect(UsageError.missingArgument(command: "spectate", argument: "URL").description
                    == "'spectate' needs the argument URL")
    }

    @Test func noArgumentsIsAUsageErrorAndVersionIsOneLine() {
        var out: [String] = []
        var err: [String] = []
        let run = { (arguments: [String]) in
            tool.run(arguments: arguments, environment: [:], output: { out.append($0) }, errors: { err.append($0) })
        }
        #expect(run([]) == CommandLineTool.usageStatus)
        #expect(err.last?.hasPrefix("orrery: no command given\n\norrery: an authoritative") == true)
        #expect(err.last?.contains("sample") == true && out.isEmpty)
        for flag in ["--version", "-V", "version"] {
            #expect(run([flag]) == 0)
            #expect(out.last == "orrery \(CommandLineTool.version) (protocol orrery.v1)")
        }
        #expect(CommandLineTool.version.split(separator: ".").count == 3)
    }

    @Test func exitStatusesAndStreams() {
        var out: [String] = []
        var err: [String] = []
        let run = { (arguments: [String]) in
            tool.run(arguments: arguments, environment: [:], output: { out.append($0) }, errors: { err.append($0) })
        }
        #expect(run(["sample", "--port", "300", "u"]) == 44)
        #expect(run(["bogus"]) == CommandLineTool.usageStatus)
        #expect(err.last?.contains("unknown command 'bogus'") == true)
        #expect(run(["sample", "--port", "70000", "u"]) == CommandLineTool.usageStatus)
        #expect(err.last?.contains("from 0 to 65535") == true)
        #expect(run(["sample", "--help"]) == 0)
        #expect(out.last?.contains("--port N") == true)
        #expect(out.last?.contains("default: 9001; env: SAMPLE_PORT") == true)
        #expect(run(["--help"]) == 0)
        #expect(out.last?.contains("sample") == true)
    }
}

/// Every command's `--help` teaches: what it does, its usage line, examples, and every option explained; and
/// every example it gives is a command line that parses (no option that does not exist, no missing argument).
@Suite struct HelpTeachesTests {
    @Test(arguments: CommandLineTool.standard.commands.map(\.name))
    func helpExplainsAndItsExamplesParse(name: String) throws {
        let tool = CommandLineTool.standard
        let command = try #require(tool.commands.first { $0.name == name })
        let help = tool.help(for: command)
        #expect(help.hasPrefix("orrery \(name): \(command.summary)\n\nUsage: orrery \(name) [options]"))
        #expect(command.discussion.count > 200, "a paragraph at least on what \(name) does")
        #expect(help.contains("Example"))
        #expect(command.options.allSatisfy { $0.help.count > 10 && help.contains($0.synopsis) })
        var examples = 0
        for line in command.discussion.split(separator: "\n") {
            // An example: `orrery NAME ...` (after an optional VAR=value prefix), up to a `#` comment.
            var words = line.split(separator: "#", maxSplits: 1)[0].split(separator: " ").map(String.init)
            while let first = words.first, first.contains("="), !first.hasPrefix("-") { words.removeFirst() }
            guard words.count >= 2, words[0] == "orrery", words[1] == name else { continue }
            guard !words.contains("&&"), !words.last!.hasSuffix("\\") else { continue }
            examples += 1
            let arguments = Array(words.dropFirst(2))
            #expect(throws: Never.self, "\(line)") { try tool.parse(arguments, for: command, environment: [:]) }
        }
        #expect(examples >= 1, "\(name) --help shows no runnable example")
    }

    @Test func everyCommandIsListedInTheOverview() {
        let overview = CommandLineTool.standard.overview
        for command in CommandLineTool.standard.commands {
            #expect(overview.contains("  \(command.name)") && overview.contains(command.summary))
        }
        #expect(overview.contains("orrery --version | --help"))
    }
}
