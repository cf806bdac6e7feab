/// Application WebSocket close codes (4000-4999), also used as error message codes. See Protocol/close-codes.tsv.
/// 4005 is unassigned: input flooding closes with the standard 1008 (policy violation).
public enum CloseCode: UInt16, CaseIterable, Sendable {
    /// Malformed message, unknown type, or a message not allowed in the current state.
    case badMessage = 4000
    /// The join/resume protocol version is not supported.
    case unsupportedVersion = 4001
    /// The universe has no room for another player or spectator.
    case universeFull = 4002
    /// The resume token is unknown, used already, or its session expired.
    case resumeRejected = 4003
    /// The client did not read fast enough; its outbound buffer overflowed.
    case slowConsumer = 4004
    /// The universe was shut down.
    case universeClosed = 4006
    /// An operator removed the player.
    case kicked = 4007
    /// The same player connected again; this older connection is closed.
    case duplicateSession = 4008
    /// No join or resume arrived in time after the WebSocket opened.
    case helloTimeout = 4009
    /// The requested role is not allowed for this ticket or universe.
    case roleForbidden = 4010

    /// The registry name used in Protocol/close-codes.tsv.
    public var name: String {
        switch self {
        case .badMessage: "bad-message"
        case .unsupportedVersion: "unsupported-version"
        case .universeFull: "universe-full"
        case .resumeRejected: "resume-rejected"
        case .slowConsumer: "slow-consumer"
        case .universeClosed: "universe-closed"
        case .kicked: "kicked"
        case .duplicateSession: "duplicate-session"
        case .helloTimeout: "hello-timeout"
        case .roleForbidden: "role-forbidden"
        }
    }
}
