/// Every message a server may send.
public enum ServerMessage: Hashable, Sendable {
    case welcome(Welcome)
    case eventFrame(EventFrame)
    case reset(ResetFrame)
    case error(ErrorMessage)
    case pong(Pong)
    /// Version 2 only.
    case schema(SchemaMessage)

    /// The message's type byte.
    public var type: MessageType {
        switch self {
        case .welcome: .welcome
        case .eventFrame: .eventFrame
        case .reset: .reset
        case .error: .error
        case .pong: .pong
        case .schema: .schema
        }
    }
}
