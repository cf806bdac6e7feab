/// One command-line option: its name, what it takes, its default and the environment variable that may set it.
///
/// A command declares its options once; parsing, validation and `--help` are all generated from that declaration.
struct OptionSpec: Sendable {
    /// The long name without dashes, e.g. `port` for `--port`.
    let name: String
    /// A placeholder for the value in help text (`N`, `HOST`), or `nil` for a flag that takes no value.
    let valueName: String?
    /// The value used when neither the command line nor the environment gives one.
    let defaultValue: String?
    /// An environment variable that sets the option when the command line does not.
    let environmentVariable: String?
    /// One or two sentences for `--help`.
    let help: String

    /// An option that takes a value.
    static func value(_ name: String, _ valueName: String, default defaultValue: String? = nil,
                      env: String? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, defaultValue: defaultValue,
                   environmentVariable: env, help: help)
    }

    /// A flag: present or absent.
    static func flag(_ name: String, env: String? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, defaultValue: nil, environmentVariable: env, help: help)
    }

    /// The option as it appears in a usage line, e.g. `--port N`.
    var synopsis: String {
        valueName.map { "--\(name) \($0)" } ?? "--\(name)"
    }
}
