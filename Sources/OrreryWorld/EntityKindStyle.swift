/// How a generic client draws one entity kind: a shape, a colour, a terminal glyph and an optional label.
public struct EntityKindStyle: Sendable, Hashable {
    /// The kind code (`EntityState.kind`), unique in the schema.
    public var code: UInt8
    /// The kind's name, 1 ... 32 UTF-8 bytes, e.g. "ship".
    public var name: String
    /// The shape drawn at the entity's position with its radius.
    public var shape: EntityShape
    /// The colour as 0xRRGGBB.
    public var color: UInt32
    /// One character for terminals (at most 4 UTF-8 bytes); empty = the client's default glyph.
    public var glyph: String
    /// The entity property drawn as the entity's label (e.g. a name), nil for none.
    public var label: EntityProperty?

    /// Creates a style; glyph and label default to none.
    public init(code: UInt8, name: String, shape: EntityShape = .circle, color: UInt32 = 0xFF_FFFF,
                glyph: String = "", label: EntityProperty? = nil) {
        self.code = code
        self.name = name
        self.shape = shape
        self.color = color
        self.glyph = glyph
        self.label = label
    }
}

/// The shape a generic client draws for an entity kind (the raw value is the wire's).
public enum EntityShape: UInt8, Sendable, Hashable, CaseIterable {
    /// A disc of the entity's radius.
    case circle = 0
    /// A triangle pointing along the entity's heading.
    case triangle = 1
    /// A square.
    case square = 2
    /// A square standing on a corner.
    case diamond = 3
    /// A circle outline.
    case ring = 4
}
