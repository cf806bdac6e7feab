import OrreryWire

/// The characters the map is drawn with: one per entity kind (ships by heading), plus the world border. A game
/// whose schema declares kind styles is drawn with the glyph each style declares, or, for a style without one,
/// with the glyph of its shape (triangles by heading); a session without schema (version 1) with the arena's.
public struct GlyphSet: Hashable, Sendable {
    /// Player ship glyphs for the eight heading octants, starting at +x (east) and going counter-clockwise.
    public var playerShip: [Character]
    public var npcShip: Character
    /// Asteroids with a radius of at least `largeAsteroidRadius` subunits.
    public var largeAsteroid: Character
    public var smallAsteroid: Character
    public var largeAsteroidRadius: Int32
    public var projectile: Character
    /// Any kind the default arena does not define.
    public var unknown: Character
    public var horizontalBorder: Character
    public var verticalBorder: Character
    public var borderCorner: Character
    /// Glyphs of the schema's shapes without a declared glyph, by `WireShape` raw value (a triangle is drawn with
    /// `playerShip` by heading instead).
    public var shapes: [Character]

    /// Arrows for player ships and a middle dot for projectiles (single-width in common terminals).
    public static let unicode = GlyphSet(playerShip: ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"], projectile: "·",
                                         shapes: ["●", "▲", "■", "◆", "○"])
    /// Plain ASCII: `A` for every player ship, `.` for projectiles; schema glyphs that are not ASCII are drawn
    /// by their shape.
    public static let ascii = GlyphSet(playerShip: Array(repeating: "A", count: 8), projectile: ".",
                                       shapes: ["o", "A", "#", "<", "O"])

    /// A set with the default arena's other glyphs: `n` NPC ship, `O`/`o` asteroid from 5 m radius, `?` unknown.
    public init(playerShip: [Character], projectile: Character, shapes: [Character]) {
        precondition(playerShip.count == 8, "one player ship glyph per heading octant")
        precondition(shapes.count == WireShape.allCases.count, "one glyph per shape")
        self.playerShip = playerShip
        self.projectile = projectile
        self.shapes = shapes
        npcShip = "n"
        largeAsteroid = "O"
        smallAsteroid = "o"
        largeAsteroidRadius = 5 * 256
        unknown = "?"
        horizontalBorder = "-"
        verticalBorder = "|"
        borderCorner = "+"
    }

    /// The octant (0 = east, 2 = north, counter-clockwise) nearest to `heading`.
    public static func octant(of heading: UInt16) -> Int {
        Int((UInt32(heading) + 4096) / 8192 % 8)
    }

    /// The glyph for `entity`.
    public func glyph(for entity: EntityRecord) -> Character {
        switch entity.kind {
        case 1: playerShip[Self.octant(of: entity.heading)]
        case 2: npcShip
        case 3: entity.radius >= largeAsteroidRadius ? largeAsteroid : smallAsteroid
        case 4: projectile
        default: unknown
        }
    }

    /// The glyph for `entity` drawn by its schema style: the declared glyph (when it is one character, and ASCII
    /// for the ASCII set), else its shape's; the arena's glyphs when the schema does not style its kind.
    public func glyph(for entity: EntityRecord, style: WireKindStyle?) -> Character {
        guard let style else { return glyph(for: entity) }
        if style.glyph.count == 1, let declared = style.glyph.first, !isASCII || declared.isASCII {
            return declared
        }
        if style.shape == .triangle { return playerShip[Self.octant(of: entity.heading)] }
        return shapes[Int(style.shape.rawValue)]
    }

    private var isASCII: Bool { playerShip.allSatisfy(\.isASCII) }

    /// Which glyph wins when two entities share a cell with schema styles: triangles over diamonds over squares
    /// over circles over rings over unstyled kinds.
    static func drawingRank(of style: WireKindStyle?) -> UInt64 {
        switch style?.shape {
        case .triangle: 5
        case .diamond: 4
        case .square: 3
        case .circle: 2
        case .ring: 1
        case nil: 0
        }
    }

    /// Which glyph wins when two entities share a cell: player ships over NPC ships over projectiles over
    /// asteroids over unknown kinds.
    static func drawingRank(of kind: UInt8) -> UInt64 {
        switch kind {
        case 1: 4
        case 2: 3
        case 4: 2
        case 3: 1
        default: 0
        }
    }
}
