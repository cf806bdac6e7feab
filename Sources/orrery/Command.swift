/// A subcommand of `orrery`: what it is called, what it takes, and what it does.
protocol Command: Sendable {
    /// The word after `orrery`, e.g. `echo`.
    var name: String { get }
    /// One line for the command list.
    var summary: String { get }
    /// Paragraphs for `orrery NAME --help`: what it does, and examples.
    var discussion: String { get }
    /// Names of required positional arguments, in order, e.g. `["URL"]`.
    var positionals: [String] { get }
    /// Every option the command accepts.
    var options: [OptionSpec] { get }
    /// Runs the command and returns the process exit status.
    func run(_ options: ParsedOptions) throws -> Int32
}

extension Command {
    var positionals: [String] { [] }
}
