import Foundation
import OrreryWire

/// The `orrery` program: finds the command, parses its options, prints help and usage errors.
struct CommandLineTool: Sendable {
    /// Exit status for a usage error (EX_USAGE).
    static let usageStatus: Int32 = 64

    /// The release of this build: the one place the version is written (`orrery --version` prints it).
    static let version = "0.14.0"

    /// What `orrery --version` prints: the release and the wire protocol it speaks.
    static var versionLine: String { "orrery \(version) (protocol \(WireProtocol.subprotocol))" }

    /// Every command, in the order `--help` lists them.
    let commands: [any Command]

    /// The commands the `orrery` binary ships.
    static let standard = CommandLineTool(commands: [
        ServeCommand(),
        BotsCommand(),
        SpectateCommand(),
        TicketCommand(),
        EchoCommand(),
        ProxyCommand(),
        BenchCommand(),
        LoadCommand(),
        VerifyCommand(),
        JournalCommand(),
    ])

    /// Runs the tool with `arguments` (without the program name) and returns the exit status.
    func run(arguments: [String], environment: [String: String],
             output: (String) -> Void = { print($0) },
             errors: (String) -> Void = { CommandLineTool.writeStandardError($0) }) -> Int32 {
        guard let first = arguments.first else {
            errors("orrery: \(UsageError.missingCommand)\n\n\(overview)")
            return Self.usageStatus
        }
        if ["-h", "--help", "help"].contains(first) {
            if arguments.count >= 2, let command = find(arguments[1]) {
                output(help(for: command))
            } else {
                output(overview)
            }
            return 0
        }
        if ["-V", "--version", "version"].contains(first) {
            output(Self.versionLine)
            return 0
        }
        guard let command = find(first) else {
            errors("orrery: \(UsageError.unknownCommand(first))\n\n\(overview)")
            return Self.usageStatus
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("-h") || rest.contains("--help") {
            output(help(for: command))
            return 0
        }
        do {
            let parsed = try parse(rest, for: command, environment: environment)
            return try command.run(parsed)
        } catch let error as UsageError {
            errors("orrery \(command.name): \(error)\n\(usageLine(for: command))\n"
                   + "Run 'orrery \(command.name) --help' for its options and examples.")
            return Self.usageStatus
        } catch {
            errors("orrery \(command.name): error: \(error)")
            return 1
        }
    }

    /// Parses one command's arguments: `--name value`, `--name=value`, flags, then positionals.
    func parse(_ arguments: [String], for command: any Command,
               environment: [String: String]) throws(UsageError) -> ParsedOptions {
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var positionals: [String] = []
        for spec in command.options {
            if let variable = spec.environmentVariable, let value = environment[variable] {
                if spec.valueName == nil {
                    if ["1", "true", "yes"].contains(value.lowercased()) { flags.insert(spec.name) }
                } else {
                    values[spec.name] = value
                }
            } else if let value = spec.defaultValue {
                values[spec.name] = value
            }
        }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                // Options are long (--name); a dash and a letter is a mistyped option, not an argument.
                if argument.count > 1, argument.hasPrefix("-"), argument.dropFirst().first?.isLetter == true {
                    throw .unknownOption(command: command.name, option: argument)
                }
                positionals.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard let spec = command.options.first(where: { $0.name == name }) else {
                throw .unknownOption(command: command.name, option: argument)
            }
            if spec.valueName == nil {
                guard !body.contains("=") else {
                    throw .invalidValue(option: name, value: String(body.drop { $0 != "=" }.dropFirst()),
                                        expected: "given to a flag (it takes no value)")
                }
                flags.insert(name)
            } else if let equals = body.firstIndex(of: "=") {
                values[name] = String(body[body.index(after: equals)...])
            } else {
                guard index < arguments.count else { throw .missingValue(option: name) }
                values[name] = arguments[index]
                index += 1
            }
        }
        if positionals.count > command.positionals.count {
            throw .unexpectedArgument(command: command.name, argument: positionals[command.positionals.count])
        }
        if positionals.count < command.positionals.count {
            throw .missingArgument(command: command.name, argument: command.positionals[positionals.count])
        }
        return ParsedOptions(values: values, flags: flags, positionals: positionals)
    }

    /// The text of `orrery --help`.
    var overview: String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var text = """
        orrery: an authoritative multiplayer game state relay over WebSocket.

        Usage: orrery COMMAND [options]
               orrery --version | --help

        Commands:

        """
        for command in commands {
            text += "  " + command.name.padded(to: width) + command.summary + "\n"
        }
        text += "\nRun 'orrery COMMAND --help' for a command's options, defaults and examples."
        return text
    }

    /// The text of `orrery NAME --help`.
    func help(for command: any Command) -> String {
        var text = "orrery \(command.name): \(command.summary)\n\n"
        text += usageLine(for: command) + "\n\n"
        if !command.discussion.isEmpty { text += command.discussion + "\n\n" }
        text += "Options:\n"
        let width = min(28, (command.options.map(\.synopsis.count).max() ?? 0) + 2)
        for spec in command.options {
            var line = "  " + spec.synopsis.padded(to: width)
            if spec.synopsis.count >= width { line += "\n  " + "".padded(to: width) }
            line += spec.help
            var notes: [String] = []
            if let value = spec.defaultValue { notes.append("default: \(value.isEmpty ? "none" : value)") }
            if let variable = spec.environmentVariable { notes.append("env: \(variable)") }
            if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
            text += line + "\n"
        }
        text += "  " + "-h, --help".padded(to: width) + "Show this help."
        return text
    }

    /// `Usage: orrery NAME [options] POSITIONALS`.
    func usageLine(for command: any Command) -> String {
        "Usage: orrery \(command.name) [options]" + command.positionals.map { " " + $0 }.joined()
    }

    private func find(_ name: String) -> (any Command)? {
        commands.first { $0.name == name }
    }

    /// Writes a line to standard error.
    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

private extension String {
    func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
