/// The options and arguments of one command, after parsing, with typed accessors that raise `UsageError`.
struct ParsedOptions: Sendable {
    /// Values by option name: from the command line, else the environment, else the default.
    private(set) var values: [String: String]
    /// Flags that were given.
    private(set) var flags: Set<String>
    /// Positional arguments in order.
    let positionals: [String]

    init(values: [String: String], flags: Set<String>, positionals: [String]) {
        self.values = values
        self.flags = flags
        self.positionals = positionals
    }

    /// Whether the flag `--name` was given (or its environment variable is `1`/`true`).
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The option's text, or `nil` when it has no value and no default.
    func string(_ name: String) -> String? { values[name] }

    /// The text of an option that must be given (it has no default).
    func required(_ name: String) throws(UsageError) -> String {
        guard let text = values[name] else { throw .missingOption(option: name) }
        return text
    }

    /// The option as an integer in `range`.
    func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(UsageError) -> Int {
        let text = try required(name)
        guard let value = Int(text), range.contains(value) else {
            throw .invalidValue(option: name, value: text,
                                expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The option as an unsigned 64-bit integer (e.g. a seed): any whole number from 0 to 2^64-1.
    func uint64(_ name: String) throws(UsageError) -> UInt64 {
        let text = try required(name)
        guard let value = UInt64(text) else {
            throw .invalidValue(option: name, value: text, expected: "a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// The option as a number in `range`.
    func double(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double {
        let text = try required(name)
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw .invalidValue(option: name, value: text,
                                expected: "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The option as a duration: a number with an optional unit `ms` or `s` (seconds when bare).
    func seconds(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double {
        let text = try required(name)
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 0.001)
            : text.hasSuffix("s") ? (text.dropLast(1), 1) : (Substring(text), 1)
        guard let value = Double(number).map({ $0 * scale }), value.isFinite, range.contains(value) else {
            throw .invalidValue(option: name, value: text,
                                expected: "a duration from \(range.lowerBound)s to \(range.upperBound)s (e.g. 250ms, 1.5s)")
        }
        return value
    }

    /// The option as a comma-separated list with empty items removed.
    func list(_ name: String) -> [String] {
        (values[name] ?? "").split(separator: ",").map { String($0) }
    }
}
