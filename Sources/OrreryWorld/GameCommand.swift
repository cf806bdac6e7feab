/// A game command from a client (`Universe.submitCommand(_:from:)`), handed to `GameRules.command` at the start of
/// the next tick, after the inputs, in the order received.
public struct GameCommand: Sendable, Hashable {
    /// The command kind.
    public var kind: CommandKind
    /// The payload: at most `GameSchema.commandMaxBytes`, UTF-8 for a `.text` kind.
    public var payload: [UInt8]

    /// Creates a command (default payload empty).
    public init(kind: CommandKind, payload: [UInt8] = []) {
        self.kind = kind
        self.payload = payload
    }
}
