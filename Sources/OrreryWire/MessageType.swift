/// The first byte of every protocol message. Client→server types have the high bit clear, server→client set.
public enum MessageType: UInt8, CaseIterable, Sendable {
    case join = 0x01
    case resume = 0x02
    case input = 0x03
    case ping = 0x04
    /// Version 2 only.
    case command = 0x05
    case welcome = 0x81
    case eventFrame = 0x82
    case reset = 0x83
    case error = 0x84
    case pong = 0x85
    /// Version 2 only.
    case schema = 0x86

    /// True for messages a client sends to the server.
    public var isClientToServer: Bool { rawValue & 0x80 == 0 }

    /// The first protocol version that has this message.
    public var sinceVersion: UInt8 { self == .command || self == .schema ? 2 : 1 }

    /// The registry name used in Protocol/messages.tsv and in the canonical text form.
    public var name: String {
        switch self {
        case .join: "join"
        case .resume: "resume"
        case .input: "input"
        case .ping: "ping"
        case .command: "command"
        case .welcome: "welcome"
        case .eventFrame: "event-frame"
        case .reset: "reset"
        case .error: "error"
        case .pong: "pong"
        case .schema: "schema"
        }
    }
}
