/// Why an entity was destroyed.
public enum DestroyReason: UInt8, CaseIterable, Sendable {
    /// Its lifetime ran out.
    case expired = 0
    case collision = 1
    case shot = 2
    /// Its owner left the universe.
    case ownerLeft = 3

    /// The name used in the canonical text form.
    public var name: String {
        switch self {
        case .expired: "expired"
        case .collision: "collision"
        case .shot: "shot"
        case .ownerLeft: "owner-left"
        }
    }
}
