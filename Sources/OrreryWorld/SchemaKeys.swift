/// An entity property: the index of its declaration in `GameSchema.entityProperties`.
public struct EntityProperty: Sendable, Hashable {
    /// Position in `GameSchema.entityProperties` (the wire index).
    public var index: UInt8
    /// A key for the property declared at `index`.
    public init(index: UInt8) { self.index = index }
}

/// A private player property: the index of its declaration in `GameSchema.playerProperties`.
public struct PlayerProperty: Sendable, Hashable {
    /// Position in `GameSchema.playerProperties` (the wire index).
    public var index: UInt8
    /// A key for the property declared at `index`.
    public init(index: UInt8) { self.index = index }
}

/// A universe property: the index of its declaration in `GameSchema.universeProperties`.
public struct UniverseProperty: Sendable, Hashable {
    /// Position in `GameSchema.universeProperties` (the wire index).
    public var index: UInt8
    /// A key for the property declared at `index`.
    public init(index: UInt8) { self.index = index }
}

/// A server→client message kind: the index of its declaration in `GameSchema.messages`.
public struct GameMessageKind: Sendable, Hashable {
    /// Position in `GameSchema.messages` (the wire code).
    public var code: UInt8
    /// A key for the message kind declared at `code`.
    public init(code: UInt8) { self.code = code }
}

/// A client→server command kind: the index of its declaration in `GameSchema.commands`.
public struct CommandKind: Sendable, Hashable {
    /// Position in `GameSchema.commands` (the wire code).
    public var code: UInt8
    /// A key for the command kind declared at `code`.
    public init(code: UInt8) { self.code = code }
}
