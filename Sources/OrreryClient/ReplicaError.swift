/// Why a replica refused a frame. A refused frame leaves the replica exactly as it was.
public enum ReplicaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A frame or reset arrived before any welcome.
    case noSession
    /// After a resume that the server could not continue, only a reset is acceptable.
    case resetRequired(seq: UInt64)
    /// The frame's seq is not the previous seq + 1 (frames were lost or reordered).
    case sequenceGap(expected: UInt64, received: UInt64)
    /// The frame's tick is before the replica's tick.
    case tickWentBackwards(replicaTick: UInt64, frameTick: UInt64)
    /// A changed, disappeared or destroyed event names an entity the replica does not hold.
    case unknownEntity(id: UInt32)
    /// A reset lists the same entity twice.
    case duplicateEntity(id: UInt32)
    /// A property value names no property of its scope in the schema, or has another type or a longer length.
    case invalidProperty(index: UInt8)
    /// A spectator received private player state.
    case privateStateForSpectator
    /// A game message's code is not in the schema.
    case unknownMessageCode(UInt8)

    public var description: String {
        switch self {
        case .noSession: "frame received before welcome"
        case .resetRequired(let seq): "frame \(seq) received while a reset is required"
        case .sequenceGap(let expected, let received): "sequence gap: expected seq \(expected), got \(received)"
        case .tickWentBackwards(let replicaTick, let frameTick):
            "frame tick \(frameTick) is before the replica tick \(replicaTick)"
        case .unknownEntity(let id): "event for unknown entity \(id)"
        case .duplicateEntity(let id): "entity \(id) listed twice in a reset"
        case .invalidProperty(let index): "property \(index) is not in the schema or does not match its type"
        case .privateStateForSpectator: "private player state sent to a spectator"
        case .unknownMessageCode(let code): "game message code \(code) is not in the schema"
        }
    }
}
