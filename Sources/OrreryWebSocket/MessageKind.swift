/// The kind of a data message: text (valid UTF-8) or binary.
public enum MessageKind: Sendable, Equatable {
    /// A UTF-8 text message.
    case text
    /// A binary message.
    case binary

    /// The opcode of the first frame of a message of this kind.
    public var opcode: Opcode { self == .text ? .text : .binary }
}
