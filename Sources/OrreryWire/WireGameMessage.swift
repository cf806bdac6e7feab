/// The payload of a message event (version 2): a game-defined message to this player, to the observers of an
/// entity, or to the whole universe.
public struct WireGameMessage: Hashable, Sendable {
    public var scope: WireMessageScope
    /// Indexes the schema's `messages`.
    public var code: UInt8
    /// At most 1024 bytes; UTF-8 when the kind's format is text.
    public var payload: [UInt8]

    public init(scope: WireMessageScope, code: UInt8, payload: [UInt8]) {
        self.scope = scope
        self.code = code
        self.payload = payload
    }
}

/// Whom a game message was sent to.
public enum WireMessageScope: Hashable, Sendable {
    /// The receiving player only.
    case player
    /// Every observer that sees the entity (id never 0).
    case entity(UInt32)
    /// Every observer of the universe.
    case universe

    /// The scope byte on the wire.
    public var code: UInt8 {
        switch self {
        case .player: 0
        case .entity: 1
        case .universe: 2
        }
    }
}
