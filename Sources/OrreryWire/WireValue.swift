/// A game-defined property value as carried on the wire (version 2). Its encoding is fixed by the property's
/// declared type in the session's schema: int → `z64`, string → `str`, bytes → `bin`.
public enum WireValue: Hashable, Sendable {
    case int(Int64)
    case string(String)
    case bytes([UInt8])

    /// The type a property must declare to hold this value.
    public var type: WirePropertyType {
        switch self {
        case .int: .int
        case .string: .string
        case .bytes: .bytes
        }
    }

    /// True for the default every property starts at (0, "", no bytes); defaults are never listed in records.
    public var isDefault: Bool {
        switch self {
        case .int(let value): value == 0
        case .string(let text): text.isEmpty
        case .bytes(let bytes): bytes.isEmpty
        }
    }

    /// The default value of a property type.
    public static func defaultValue(of type: WirePropertyType) -> WireValue {
        switch type {
        case .int: .int(0)
        case .string: .string("")
        case .bytes: .bytes([])
        }
    }
}

/// One `(index, value)` pair of a property list: `index` is the property's position in its scope's list in the
/// schema (entity, player or universe properties).
public struct WireProperty: Hashable, Sendable {
    public var index: UInt8
    public var value: WireValue

    public init(index: UInt8, value: WireValue) {
        self.index = index
        self.value = value
    }
}
