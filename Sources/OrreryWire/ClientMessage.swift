/// Every message a client may send.
public enum ClientMessage: Hashable, Sendable {
    case join(Join)
    case resume(Resume)
    case input(PlayerInput)
    case ping(Ping)
    /// Version 2 only.
    case command(WireCommand)

    /// The message's type byte.
    public var type: MessageType {
        switch self {
        case .join: .join
        case .resume: .resume
        case .input: .input
        case .ping: .ping
        case .command: .command
        }
    }
}
