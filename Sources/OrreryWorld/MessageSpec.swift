/// One declared message or command kind: its name and payload format.
public struct MessageSpec: Sendable, Hashable {
    /// The kind's name, 1 ... 32 UTF-8 bytes, unique among the messages (or the commands).
    public var name: String
    /// What the payload holds.
    public var format: MessageFormat

    /// Creates a message or command declaration (default format `.text`).
    public init(name: String, format: MessageFormat = .text) {
        self.name = name
        self.format = format
    }
}

/// What a message's or command's payload holds.
public enum MessageFormat: UInt8, Sendable, Hashable {
    /// UTF-8 text (checked: invalid UTF-8 is refused).
    case text = 0
    /// Opaque bytes.
    case bytes = 1

    /// Whether `payload` is valid for this format: any bytes, or valid UTF-8 for `.text`.
    public func accepts(_ payload: [UInt8]) -> Bool {
        guard self == .text else { return true }
        var iterator = payload.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
