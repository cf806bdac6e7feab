/// The value of a property: its case must match the property's declared `PropertyType`.
public enum PropertyValue: Sendable, Hashable {
    /// A value of an `.int` property.
    case int(Int64)
    /// A value of a `.string` property.
    case string(String)
    /// A value of a `.bytes` property.
    case bytes([UInt8])

    /// Whether this is its type's default (0, "", no bytes): defaults are not sent when an entity appears.
    public var isDefault: Bool {
        switch self {
        case .int(let value): value == 0
        case .string(let text): text.isEmpty
        case .bytes(let bytes): bytes.isEmpty
        }
    }

    /// The integer, nil for another case.
    public var int: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The string, nil for another case.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The bytes, nil for another case.
    public var bytes: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }
}
