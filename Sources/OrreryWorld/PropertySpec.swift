/// One declared property: its name and type. Every property starts at its type's default (0, "", no bytes).
public struct PropertySpec: Sendable, Hashable {
    /// The property's name, 1 ... 32 UTF-8 bytes, unique in its scope.
    public var name: String
    /// The type of its values.
    public var type: PropertyType

    /// Creates a property declaration.
    public init(name: String, type: PropertyType) {
        self.name = name
        self.type = type
    }
}

/// The type of a property's values.
public enum PropertyType: Sendable, Hashable {
    /// A signed 64-bit integer (default 0).
    case int
    /// A string of at most `maxLength` UTF-8 bytes, 1 ... 255 (default "").
    case string(maxLength: Int)
    /// Opaque bytes, at most `maxLength`, 1 ... 255 (default none).
    case bytes(maxLength: Int)

    /// The value every property of this type starts with.
    public var defaultValue: PropertyValue {
        switch self {
        case .int: .int(0)
        case .string: .string("")
        case .bytes: .bytes([])
        }
    }

    /// Whether `value` has this type and fits its maximum length.
    public func accepts(_ value: PropertyValue) -> Bool {
        switch (self, value) {
        case (.int, .int): true
        case (.string(let maxLength), .string(let text)): text.utf8.count <= maxLength
        case (.bytes(let maxLength), .bytes(let bytes)): bytes.count <= maxLength
        default: false
        }
    }
}

/// The three scopes a property can be declared in.
public enum PropertyScope: Sendable, Hashable, CustomStringConvertible {
    /// Per entity, seen by the observers that see the entity.
    case entity
    /// Private per player, seen only by that player.
    case player
    /// Per universe, seen by every observer.
    case universe

    /// "entity", "player" or "universe".
    public var description: String {
        switch self {
        case .entity: "entity"
        case .player: "player"
        case .universe: "universe"
        }
    }
}
