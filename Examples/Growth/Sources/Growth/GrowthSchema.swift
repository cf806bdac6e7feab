import OrreryWorld

/// What the growth game declares to clients: cells steered by players and the pellets they eat, the cells'
/// name, score and radius, each player's private record, the universe's leaderboard and the eaten/respawned
/// messages. Keys are looked up once, here, by name.
public enum GrowthSchema {
    /// Entity kinds (`EntityState.kind`).
    public enum Kind {
        public static let cell: UInt8 = 1
        public static let pellet: UInt8 = 2
    }

    /// The schema every universe of this game sends its clients.
    public static let schema = GameSchema(
        game: "growth",
        kinds: [
            EntityKindStyle(code: Kind.cell, name: "cell", shape: .circle, color: 0x40_C060, glyph: "@",
                            label: EntityProperty(index: 0)),
            EntityKindStyle(code: Kind.pellet, name: "pellet", shape: .circle, color: 0xF0_D040, glyph: "."),
        ],
        entityProperties: [
            PropertySpec(name: "name", type: .string(maxLength: 16)),
            PropertySpec(name: "score", type: .int),
            PropertySpec(name: "radius", type: .int),
        ],
        playerProperties: [
            PropertySpec(name: "best", type: .int),
            PropertySpec(name: "eaten", type: .int),
        ],
        universeProperties: [
            PropertySpec(name: "leaderboard", type: .string(maxLength: 255)),
            PropertySpec(name: "pellets", type: .int),
        ],
        messages: [
            MessageSpec(name: "eaten"),
            MessageSpec(name: "respawned"),
        ])

    /// A cell's display name (the cell kind's label).
    public static let name = schema.entityProperty("name")!
    /// A cell's score: pellets and cells eaten, slowly decaying when large.
    public static let score = schema.entityProperty("score")!
    /// A cell's current radius in subunits: what it covers when eating (grows with the score).
    public static let radius = schema.entityProperty("radius")!
    /// A player's private best score since joining.
    public static let best = schema.playerProperty("best")!
    /// A player's private count of cells eaten since joining.
    public static let eaten = schema.playerProperty("eaten")!
    /// The top five, "name score" separated by " | ", refreshed every second.
    public static let leaderboard = schema.universeProperty("leaderboard")!
    /// Pellets in the universe.
    public static let pellets = schema.universeProperty("pellets")!
    /// "eater ate eaten", to the observers of the eaten cell.
    public static let eatenMessage = schema.message("eaten")!
    /// To a player whose new cell just spawned.
    public static let respawned = schema.message("respawned")!
}
