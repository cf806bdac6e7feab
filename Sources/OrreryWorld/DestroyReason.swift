/// Why an entity was destroyed (the `reason` byte of a `destroyed` event).
public enum DestroyReason: UInt8, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Its lifetime ran out.
    case expired = 0
    /// It collided with something.
    case collision = 1
    /// It was shot.
    case shot = 2
    /// The player owning it left the universe.
    case ownerLeft = 3

    /// A lower-case name for logs.
    public var description: String {
        switch self {
        case .expired: "expired"
        case .collision: "collision"
        case .shot: "shot"
        case .ownerLeft: "owner left"
        }
    }
}
