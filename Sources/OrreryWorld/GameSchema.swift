/// What a game declares once so that generic clients can decode and draw it: its entity kinds with drawing hints,
/// its typed properties in three scopes, its message and command kinds and the sizes of game payloads.
///
/// Positions in the arrays are the wire indexes and codes: `entityProperties[2]` is `EntityProperty(index: 2)`,
/// `messages[0]` is `GameMessageKind(code: 0)`. Look keys up by name once (`entityProperty(_:)`, ...) and keep them.
/// The limits below are the protocol's (Protocol/README.md, schema message); `validate()` checks them and
/// `Universe.init` refuses a schema that fails.
public struct GameSchema: Sendable, Hashable {
    /// Most entity kinds (64).
    public static let maximumKinds = 64
    /// Most properties per scope (32: a change set fits one 32-bit mask).
    public static let maximumProperties = 32
    /// Most message kinds and most command kinds (64 each).
    public static let maximumMessageKinds = 64
    /// Longest game, kind, property, message or command name in UTF-8 bytes (32).
    public static let maximumNameBytes = 32
    /// Largest `maxLength` of a string or bytes property (255).
    public static let maximumValueBytes = 255
    /// Largest `inputPayloadMaxBytes` (64, so that an input fits the server's 256-byte message limit).
    public static let maximumInputPayloadBytes = 64
    /// Largest `commandMaxBytes` (200, so that a command fits the server's 256-byte message limit).
    public static let maximumCommandBytes = 200
    /// Largest payload of one server→client message in bytes (1024).
    public static let maximumMessagePayloadBytes = 1024

    /// The game's name, 1 ... 32 UTF-8 bytes (default "game").
    public var game: String
    /// The entity kinds and how to draw them; kinds not listed are drawn with a client's default.
    public var kinds: [EntityKindStyle]
    /// Properties every entity has, seen by exactly the observers that see the entity.
    public var entityProperties: [PropertySpec]
    /// Private per-player state, seen only by that player.
    public var playerProperties: [PropertySpec]
    /// Universe state, seen by every observer.
    public var universeProperties: [PropertySpec]
    /// Server→client message kinds (`World.send`).
    public var messages: [MessageSpec]
    /// Client→server command kinds (`GameRules.command`).
    public var commands: [MessageSpec]
    /// Largest game payload on an input in bytes, 0 ... 64 (default 0: inputs carry none).
    public var inputPayloadMaxBytes: Int
    /// Largest command payload in bytes, 0 ... 200 (default 128).
    public var commandMaxBytes: Int

    /// Creates a schema; every part defaults to empty, so `GameSchema()` is a valid schema for a game with none.
    public init(game: String = "game", kinds: [EntityKindStyle] = [], entityProperties: [PropertySpec] = [],
                playerProperties: [PropertySpec] = [], universeProperties: [PropertySpec] = [],
                messages: [MessageSpec] = [], commands: [MessageSpec] = [], inputPayloadMaxBytes: Int = 0,
                commandMaxBytes: Int = 128) {
        self.game = game
        self.kinds = kinds
        self.entityProperties = entityProperties
        self.playerProperties = playerProperties
        self.universeProperties = universeProperties
        self.messages = messages
        self.commands = commands
        self.inputPayloadMaxBytes = inputPayloadMaxBytes
        self.commandMaxBytes = commandMaxBytes
    }

    /// The key of the entity property with this name.
    public func entityProperty(_ name: String) -> EntityProperty? {
        GameSchema.position(of: name, in: entityProperties.map(\.name)).map(EntityProperty.init(index:))
    }

    /// The key of the private player property with this name.
    public func playerProperty(_ name: String) -> PlayerProperty? {
        GameSchema.position(of: name, in: playerProperties.map(\.name)).map(PlayerProperty.init(index:))
    }

    /// The key of the universe property with this name.
    public func universeProperty(_ name: String) -> UniverseProperty? {
        GameSchema.position(of: name, in: universeProperties.map(\.name)).map(UniverseProperty.init(index:))
    }

    /// The key of the message kind with this name.
    public func message(_ name: String) -> GameMessageKind? {
        GameSchema.position(of: name, in: messages.map(\.name)).map(GameMessageKind.init(code:))
    }

    /// The key of the command kind with this name.
    public func command(_ name: String) -> CommandKind? {
        GameSchema.position(of: name, in: commands.map(\.name)).map(CommandKind.init(code:))
    }

    /// The style of an entity kind, nil when the schema does not list it.
    public func style(ofKind code: UInt8) -> EntityKindStyle? {
        kinds.first { $0.code == code }
    }

    /// Checks every limit of the protocol: counts, name lengths and uniqueness per list, unique kind codes,
    /// colours, glyphs, labels, value lengths and payload sizes.
    public func validate() throws(GameSchemaError) {
        try GameSchema.checkName(game)
        guard kinds.count <= GameSchema.maximumKinds else { throw .tooManyKinds(kinds.count) }
        var codes = Set<UInt8>()
        for kind in kinds {
            try GameSchema.checkName(kind.name)
            guard codes.insert(kind.code).inserted else { throw .duplicateKindCode(kind.code) }
            guard kind.color <= 0xFF_FFFF else { throw .invalidColor(kind: kind.name, color: kind.color) }
            guard kind.glyph.utf8.count <= 4, kind.glyph.count <= 1 else {
                throw .invalidGlyph(kind: kind.name, glyph: kind.glyph)
            }
            if let label = kind.label, Int(label.index) >= entityProperties.count {
                throw .invalidLabel(kind: kind.name, index: label.index)
            }
        }
        try GameSchema.checkNames(kinds.map(\.name))
        try GameSchema.check(entityProperties, scope: .entity)
        try GameSchema.check(playerProperties, scope: .player)
        try GameSchema.check(universeProperties, scope: .universe)
        guard messages.count <= GameSchema.maximumMessageKinds else { throw .tooManyMessageKinds(messages.count) }
        guard commands.count <= GameSchema.maximumMessageKinds else { throw .tooManyCommandKinds(commands.count) }
        try GameSchema.checkNames(messages.map(\.name))
        try GameSchema.checkNames(commands.map(\.name))
        guard (0...GameSchema.maximumInputPayloadBytes).contains(inputPayloadMaxBytes) else {
            throw .invalidInputPayloadLimit(inputPayloadMaxBytes)
        }
        guard (0...GameSchema.maximumCommandBytes).contains(commandMaxBytes) else {
            throw .invalidCommandLimit(commandMaxBytes)
        }
    }

    private static func check(_ properties: [PropertySpec], scope: PropertyScope) throws(GameSchemaError) {
        guard properties.count <= maximumProperties else {
            throw .tooManyProperties(scope: scope, count: properties.count)
        }
        try checkNames(properties.map(\.name))
        for property in properties {
            switch property.type {
            case .int:
                break
            case .string(let maxLength), .bytes(let maxLength):
                guard (1...maximumValueBytes).contains(maxLength) else {
                    throw .invalidMaxLength(property: property.name, maxLength: maxLength)
                }
            }
        }
    }

    private static func checkNames(_ names: [String]) throws(GameSchemaError) {
        var seen = Set<String>()
        for name in names {
            try checkName(name)
            guard seen.insert(name).inserted else { throw .duplicateName(name) }
        }
    }

    private static func checkName(_ name: String) throws(GameSchemaError) {
        guard (1...maximumNameBytes).contains(name.utf8.count) else { throw .invalidName(name) }
    }

    private static func position(of name: String, in names: [String]) -> UInt8? {
        names.firstIndex(of: name).map { UInt8(truncatingIfNeeded: $0) }
    }
}
