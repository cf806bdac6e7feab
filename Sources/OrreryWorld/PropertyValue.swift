/// The value of a property: its case must match the property's declared `PropertyType`.
///
/// Two values are equal when they are the same bytes on the wire: strings compare by their UTF-8 bytes, not by
/// Unicode canonical equivalence, so changing "é" to "e\u{301}" is a change that clients see.
public enum PropertyValue: Sendable, Hashable {
    /// A value of an `.int` property.
    case int(Int64)
    /// A value of a `.string` property.
    case string(String)
    /// A value of a `.bytes` property.
    case bytes([UInt8])

    /// Whether both are the same case with the same bytes.
    public static func == (lhs: PropertyValue, rhs: PropertyValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let left), .int(let right)): left == right
        case (.string(let left), .string(let right)): left.utf8.elementsEqual(right.utf8)
        case (.bytes(let left), .bytes(let right)): left == right
        default: false
        }
    }

    /// Hashes the case and its bytes (consistent with `==`).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let value):
            hasher.combine(0 as UInt8)
            hasher.combine(value)
        case .string(let text):
            hasher.combine(1 as UInt8)
            hasher.combine(text.utf8.count)
            for byte in text.utf8 { hasher.combine(byte) }
        case .bytes(let bytes):
            hasher.combine(2 as UInt8)
            hasher.combine(bytes)
        }
    }

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
