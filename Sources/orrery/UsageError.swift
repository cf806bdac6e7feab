/// A mistake on the command line. The tool prints it to stderr with a hint and exits with status 64 (EX_USAGE).
enum UsageError: Error, Equatable, CustomStringConvertible {
    case unknownCommand(String)
    case unknownOption(command: String, option: String)
    case missingValue(option: String)
    case invalidValue(option: String, value: String, expected: String)
    case unexpectedArgument(command: String, argument: String)
    case missingArgument(command: String, argument: String)

    var description: String {
        switch self {
        case .unknownCommand(let name):
            return "unknown command '\(name)'"
        case .unknownOption(let command, let option):
            return "'\(command)' has no option '\(option)'"
        case .missingValue(let option):
            return "option '--\(option)' needs a value"
        case .invalidValue(let option, let value, let expected):
            return "option '--\(option)': '\(value)' is not \(expected)"
        case .unexpectedArgument(let command, let argument):
            return "'\(command)' takes no argument '\(argument)'"
        case .missingArgument(let command, let argument):
            return "'\(command)' needs \(argument)"
        }
    }
}
