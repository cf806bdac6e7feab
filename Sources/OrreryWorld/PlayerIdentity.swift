/// Who a player is, as far as the relay knows: handed to `Universe.join(identity:)` and read by rules through
/// `World.identity(of:)` to key persistent state (accounts, scores) on.
public struct PlayerIdentity: Sendable, Hashable {
    /// The authenticated player id from the player's ticket; nil in open mode (no tickets).
    public var account: UInt32?
    /// The display name the client sent when joining; nil when it sent none.
    public var name: String?

    /// Creates an identity; both parts default to unknown.
    public init(account: UInt32? = nil, name: String? = nil) {
        self.account = account
        self.name = name
    }
}
