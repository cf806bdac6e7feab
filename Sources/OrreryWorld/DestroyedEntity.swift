/// An entity destroyed during a tick: its last state and the reason.
public struct DestroyedEntity: Equatable, Hashable, Sendable {
    /// The entity's state when it was destroyed.
    public var state: EntityState
    /// Why it was destroyed.
    public var reason: DestroyReason

    /// Creates a record.
    public init(state: EntityState, reason: DestroyReason) {
        self.state = state
        self.reason = reason
    }
}
