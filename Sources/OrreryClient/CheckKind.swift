/// A protocol check a client connection makes on everything it receives. A violation of any of them means
/// the server (or the network stack) broke the protocol.
public enum CheckKind: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// A frame or reset whose seq is not the previous seq + 1.
    case sequenceGap
    /// A frame whose tick is before the replica's tick.
    case tickBackwards
    /// A server message that does not decode.
    case decodeError
    /// A changed, disappeared or destroyed event for an entity the replica does not hold.
    case unknownEntity
    /// A reset listing an entity twice, or an appeared event for an entity already in view.
    case duplicateEntity
    /// A message not allowed in the connection's state (a frame before the welcome, a second welcome, an
    /// event frame where a reset was due).
    case unexpectedMessage
    /// An entity held after a frame lies outside the view: beyond the view radius + hysteresis of the avatar's
    /// position at that tick, or outside a spectator's region grown by the hysteresis.
    case outsideView
    /// An entity without an event in a frame whose state differs from its dead-reckoned state.
    case motionMismatch
    /// A frame acknowledging an input seq that was never sent, or an acknowledgement going backwards.
    case inputAcknowledgement
    /// The server closed the connection because of what this client sent (4000, 1002, 1003, 1007, 1008, 1009).
    case rejectedByServer
    /// A property or private-state value the schema does not declare, of another type, or too long; private
    /// state sent to a spectator; or a properties event for an entity not in view.
    case propertyMismatch
    /// A game message with a code outside the schema, or about an entity not in view.
    case messageMismatch

    /// A short name for summaries and JSON, e.g. `seq-gap`.
    public var name: String {
        switch self {
        case .sequenceGap: "seq-gap"
        case .tickBackwards: "tick-backwards"
        case .decodeError: "decode-error"
        case .unknownEntity: "unknown-entity"
        case .duplicateEntity: "duplicate-entity"
        case .unexpectedMessage: "unexpected-message"
        case .outsideView: "outside-view"
        case .motionMismatch: "motion-mismatch"
        case .inputAcknowledgement: "input-ack"
        case .rejectedByServer: "rejected-by-server"
        case .propertyMismatch: "property-mismatch"
        case .messageMismatch: "message-mismatch"
        }
    }

    public var description: String { name }

    /// The check a replica's refusal of a frame or reset violates.
    public init(_ error: ReplicaError) {
        switch error {
        case .noSession, .resetRequired: self = .unexpectedMessage
        case .sequenceGap: self = .sequenceGap
        case .tickWentBackwards: self = .tickBackwards
        case .unknownEntity: self = .unknownEntity
        case .duplicateEntity: self = .duplicateEntity
        case .invalidProperty, .privateStateForSpectator: self = .propertyMismatch
        case .unknownMessageCode: self = .messageMismatch
        }
    }
}
