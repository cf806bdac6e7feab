/// One way two universes differ (`Universe.differences(from:)`): which thing, which field, and both values.
public struct UniverseDifference: Sendable, Hashable, CustomStringConvertible {
    /// What differs: `entity 17`, `player 3`, `observer 4`, `universe`, `rules` or `world`.
    public var subject: String
    /// The field: `x`, `vx`, `heading`, a property's name, `exists`, ...
    public var field: String
    /// The value in the universe the comparison started from (e.g. the recorded one).
    public var expected: String
    /// The value in the other universe (e.g. the re-simulated one).
    public var actual: String

    /// Creates a difference.
    public init(subject: String, field: String, expected: String, actual: String) {
        self.subject = subject
        self.field = field
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(subject) \(field): expected \(expected), got \(actual)" }
}
