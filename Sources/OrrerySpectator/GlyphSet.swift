import OrreryWire

/// The characters the map is drawn with: one per entity kind (ships by heading), plus the world border.
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

    /// Arrows for player ships and a middle dot for projectiles (single-width in common terminals).
    public static let unicode = GlyphSet(playerShip: ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"], projectile: "·")
    /// Plain ASCII: `A` for every player ship, `.` for projectiles.
    public static let ascii = GlyphSet(playerShip: Array(repeating: "A", count: 8), projectile: ".")

    /// A set with the default arena's other glyphs: `n` NPC ship, `O`/`o` asteroid from 5 m radius, `?` unknown.
    public init(playerShip: [Character], projectile: Character) {
        precondition(playerShip.count == 8, "one player ship glyph per heading octant")
        self.playerShip = playerShip
        self.projectile = projectile
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
