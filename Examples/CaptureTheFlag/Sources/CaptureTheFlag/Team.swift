/// One of the two teams; the raw value is the `team` property's value.
public enum Team: Int64, Sendable, CaseIterable, CustomStringConvertible {
    case red = 1
    case blue = 2

    /// The other team.
    public var opponent: Team { self == .red ? .blue : .red }

    /// The kind of this team's runners.
    public var runnerKind: UInt8 { self == .red ? CaptureSchema.Kind.redRunner : CaptureSchema.Kind.blueRunner }
    /// The kind of this team's flag.
    public var flagKind: UInt8 { self == .red ? CaptureSchema.Kind.redFlag : CaptureSchema.Kind.blueFlag }
    /// The kind of this team's base.
    public var baseKind: UInt8 { self == .red ? CaptureSchema.Kind.redBase : CaptureSchema.Kind.blueBase }

    /// The team whose runner, flag or base has this kind.
    public init?(kind: UInt8) {
        switch kind {
        case CaptureSchema.Kind.redRunner, CaptureSchema.Kind.redFlag, CaptureSchema.Kind.redBase: self = .red
        case CaptureSchema.Kind.blueRunner, CaptureSchema.Kind.blueFlag, CaptureSchema.Kind.blueBase: self = .blue
        default: return nil
        }
    }

    /// "red" or "blue".
    public var description: String { self == .red ? "red" : "blue" }
}
