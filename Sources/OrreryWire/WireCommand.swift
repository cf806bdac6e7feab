/// Client→server (version 2): a game command, handed to the rules at the start of the next tick.
public struct WireCommand: Hashable, Sendable {
    /// Indexes the schema's `commands`.
    public var code: UInt8
    /// At most the schema's `commandMaxBytes`; UTF-8 when the kind's format is text.
    public var payload: [UInt8]

    public init(code: UInt8, payload: [UInt8] = []) {
        self.code = code
        self.payload = payload
    }
}
