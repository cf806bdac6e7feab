/// One game message sent by the rules with `World.send`, as kept in `Universe.messages` for the tick it was sent
/// in and referenced by `ViewEvent.message(index:)`.
public struct GameMessage: Sendable, Hashable {
    /// The message kind.
    public var kind: GameMessageKind
    /// Who receives it.
    public var audience: MessageAudience
    /// The payload (UTF-8 for a `.text` kind), at most 1024 bytes.
    public var payload: [UInt8]

    /// Creates a message.
    public init(kind: GameMessageKind, audience: MessageAudience, payload: [UInt8]) {
        self.kind = kind
        self.audience = audience
        self.payload = payload
    }
}

/// Who receives a game message.
public enum MessageAudience: Sendable, Hashable {
    /// One player (never a spectator).
    case player(UInt32)
    /// Every observer that sees the entity after the tick, or saw it when it was destroyed in the tick.
    case observers(ofEntity: UInt32)
    /// Every observer of the universe, players and spectators.
    case universe
}
