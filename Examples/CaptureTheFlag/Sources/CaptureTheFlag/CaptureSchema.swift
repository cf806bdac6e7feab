import OrreryWorld

/// What capture the flag declares to clients: two teams of runners, their flags and bases, shots, and the
/// properties, messages and commands of the game. Keys are looked up once, here, by name.
public enum CaptureSchema {
    /// Entity kinds (`EntityState.kind`).
    public enum Kind {
        public static let redRunner: UInt8 = 1
        public static let blueRunner: UInt8 = 2
        public static let redFlag: UInt8 = 3
        public static let blueFlag: UInt8 = 4
        public static let redBase: UInt8 = 5
        public static let blueBase: UInt8 = 6
        public static let shot: UInt8 = 7
    }

    /// The schema every universe of this game sends its clients.
    public static let schema: GameSchema = {
        let label = EntityProperty(index: 0)
        return GameSchema(
            game: "capture-the-flag",
            kinds: [
                EntityKindStyle(code: Kind.redRunner, name: "red runner", shape: .triangle, color: 0xE0_4040,
                                glyph: "r", label: label),
                EntityKindStyle(code: Kind.blueRunner, name: "blue runner", shape: .triangle, color: 0x40_80FF,
                                glyph: "b", label: label),
                EntityKindStyle(code: Kind.redFlag, name: "red flag", shape: .diamond, color: 0xFF_6060, glyph: "R"),
                EntityKindStyle(code: Kind.blueFlag, name: "blue flag", shape: .diamond, color: 0x60_A0FF, glyph: "B"),
                EntityKindStyle(code: Kind.redBase, name: "red base", shape: .ring, color: 0x80_2020, glyph: "#"),
                EntityKindStyle(code: Kind.blueBase, name: "blue base", shape: .ring, color: 0x20_4080, glyph: "#"),
                EntityKindStyle(code: Kind.shot, name: "shot", shape: .circle, color: 0xFF_FF80, glyph: "*"),
            ],
            entityProperties: [
                PropertySpec(name: "name", type: .string(maxLength: 16)),
                PropertySpec(name: "team", type: .int),
                PropertySpec(name: "carrier", type: .int),
                PropertySpec(name: "tags", type: .int),
            ],
            playerProperties: [PropertySpec(name: "ammo", type: .int)],
            universeProperties: [
                PropertySpec(name: "red", type: .int),
                PropertySpec(name: "blue", type: .int),
                PropertySpec(name: "round", type: .int),
                PropertySpec(name: "timeLeft", type: .int),
            ],
            messages: [
                MessageSpec(name: "chat"),
                MessageSpec(name: "flag"),
                MessageSpec(name: "captured"),
                MessageSpec(name: "roundOver"),
                MessageSpec(name: "tagged"),
            ],
            commands: [MessageSpec(name: "chat")],
            commandMaxBytes: 120)
    }()

    /// A runner's display name (the kinds' label).
    public static let name = schema.entityProperty("name")!
    /// A runner's team: `Team.rawValue` (1 red, 2 blue); also set on flags and bases.
    public static let team = schema.entityProperty("team")!
    /// On a flag: the entity id of the runner carrying it, 0 when it lies somewhere.
    public static let carrier = schema.entityProperty("carrier")!
    /// On a runner: the opponents it tagged in this life.
    public static let tags = schema.entityProperty("tags")!
    /// A player's private shots left.
    public static let ammo = schema.playerProperty("ammo")!
    /// Captures this round, per team.
    public static let redScore = schema.universeProperty("red")!
    public static let blueScore = schema.universeProperty("blue")!
    /// The round number, from 1.
    public static let round = schema.universeProperty("round")!
    /// Whole seconds left in the round.
    public static let timeLeft = schema.universeProperty("timeLeft")!
    /// "name: text", to the universe, for each chat command.
    public static let chat = schema.message("chat")!
    /// A flag taken, dropped or returned, to the observers of the flag.
    public static let flagNews = schema.message("flag")!
    /// A capture, to the universe.
    public static let captured = schema.message("captured")!
    /// The round's result, to the universe.
    public static let roundOver = schema.message("roundOver")!
    /// To a player whose runner was hit: by whom.
    public static let tagged = schema.message("tagged")!
    /// The chat command: its payload is the text.
    public static let chatCommand = schema.command("chat")!
}
