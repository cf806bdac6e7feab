/// A mistake on the command line. The tool prints it to stderr with a hint and exits with status 64 (EX_USAGE).
enum UsageError: Error, Equatable, CustomStringConvertible {
    /// `orrery` alone: no command given.
    case missingCommand
    case unknownCommand(String)
    case unknownOption(command: String, option: String)
    /// `--name` given last, without the value it takes.
    case missingValue(option: String)
    /// A required option that was not given at all (nor by its environment variable).
    case missingOption(option: String)
    case invalidValue(option: String, value: String, expected: String)
    /// A positional argument (e.g. `URL`) that is not usable.
    case invalidArgument(argument: String, value: String, expected: String)
    case unexpectedArgument(command: String, argument: String)
    case missingArgument(command: String, argument: String)

    var description: String {
        switch self {
        case .missingCommand:
            return "no command given"
        case .unknownCommand(let name):
            return "unknown command '\(name)'"
        case .unknownOption(let command, let option):
            return "'\(command)' has no option '\(option)'"
        case .missingValue(let option):
            return "option '--\(option)' needs a value"
        case .missingOption(let option):
            return "option '--\(option)' is required (it has no default)"
        case .invalidValue(let option, let value, let expected):
            return "option '--\(option)': '\(value)' is not \(expected)"
        case .invalidArgument(let argument, let value, let expected):
            return "argument \(argument): '\(value)' is not \(expected)"
        case .unexpectedArgument(let command, let argument):
            return "'\(command)' takes no argument '\(argument)'"
        case .missingArgument(let command, let argument):
            return "'\(command)' needs the argument \(argument)"
        }
    }
}
