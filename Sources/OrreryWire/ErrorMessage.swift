/// Server→client: why the server is about to close the connection.
public struct ErrorMessage: Hashable, Sendable {
    /// A close code from Protocol/close-codes.tsv (the same code the close frame carries).
    public var code: UInt16
    /// Human-readable text, at most 1024 bytes of UTF-8.
    public var message: String

    public init(code: UInt16, message: String) {
        self.code = code
        self.message = message
    }
}
