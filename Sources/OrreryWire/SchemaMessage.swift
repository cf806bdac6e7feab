/// Server→client (version 2): the game's schema, sent right after every welcome. It names the entity kinds with
/// drawing hints, declares the typed properties of the three scopes, and the message and command kinds, so a
/// generic client can decode and draw any game. Limits: `WireProtocol` (`maxSchema...`).
public struct SchemaMessage: Hashable, Sendable {
    /// The game's name, 1...32 bytes.
    public var game: String
    /// Entity kinds with unique codes, at most 64.
    public var kinds: [WireKindStyle]
    /// Properties every entity has (seen by the entity's observers), at most 32.
    public var entityProperties: [WirePropertySpec]
    /// Each player's private state (seen by that player only), at most 32.
    public var playerProperties: [WirePropertySpec]
    /// The universe's state (seen by every observer), at most 32.
    public var universeProperties: [WirePropertySpec]
    /// Server→client message kinds (a message's code indexes this list), at most 64.
    public var messages: [WireMessageSpec]
    /// Client→server command kinds (a command's code indexes this list), at most 64.
    public var commands: [WireMessageSpec]
    /// Longest game payload an input may carry, 0...64 bytes (0 = inputs carry none).
    public var inputPayloadMaxBytes: UInt8
    /// Longest command payload, 0...200 bytes.
    public var commandMaxBytes: UInt8

    /// A schema; every list defaults to empty, commands to at most 128 bytes.
    public init(game: String, kinds: [WireKindStyle] = [], entityProperties: [WirePropertySpec] = [],
                playerProperties: [WirePropertySpec] = [], universeProperties: [WirePropertySpec] = [],
                messages: [WireMessageSpec] = [], commands: [WireMessageSpec] = [],
                inputPayloadMaxBytes: UInt8 = 0, commandMaxBytes: UInt8 = 128) {
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

    /// The property list of a scope.
    public func properties(_ scope: WirePropertyScope) -> [WirePropertySpec] {
        switch scope {
        case .entity: entityProperties
        case .player: playerProperties
        case .universe: universeProperties
        }
    }
}

/// Which of the schema's three property lists a property list refers to.
public enum WirePropertyScope: Sendable, CaseIterable {
    case entity, player, universe
}

/// How a generic client draws one entity kind.
public struct WireKindStyle: Hashable, Sendable {
    /// The entity kind byte of records with this kind.
    public var code: UInt8
    /// 1...32 bytes.
    public var name: String
    public var shape: WireShape
    /// 0xRRGGBB (the top byte is 0).
    public var color: UInt32
    /// 0...4 bytes: one character for terminals; empty means the client's default glyph.
    public var glyph: String
    /// 1 + the index of the entity property drawn as the label; 0 = no label.
    public var label: UInt8

    public init(code: UInt8, name: String, shape: WireShape, color: UInt32, glyph: String = "", label: UInt8 = 0) {
        self.code = code
        self.name = name
        self.shape = shape
        self.color = color
        self.glyph = glyph
        self.label = label
    }
}

/// An entity kind's drawn shape.
public enum WireShape: UInt8, CaseIterable, Sendable {
    case circle = 0
    /// A triangle pointing along the heading.
    case triangle = 1
    case square = 2
    case diamond = 3
    case ring = 4

    /// The name used in the canonical text form.
    public var name: String {
        switch self {
        case .circle: "circle"
        case .triangle: "triangle"
        case .square: "square"
        case .diamond: "diamond"
        case .ring: "ring"
        }
    }
}

/// One declared property: its name and how its values are typed and bounded.
public struct WirePropertySpec: Hashable, Sendable {
    /// 1...32 bytes.
    public var name: String
    public var type: WirePropertyType
    /// Longest string/bytes value, 1...255; 0 for an int.
    public var maxLength: UInt32

    public init(name: String, type: WirePropertyType, maxLength: UInt32 = 0) {
        self.name = name
        self.type = type
        self.maxLength = maxLength
    }
}

/// A property's value type.
public enum WirePropertyType: UInt8, CaseIterable, Sendable {
    /// Signed 64-bit (`z64`).
    case int = 0
    /// UTF-8 text (`str`).
    case string = 1
    /// Opaque bytes (`bin`).
    case bytes = 2

    /// The name used in the canonical text form.
    public var name: String {
        switch self {
        case .int: "int"
        case .string: "string"
        case .bytes: "bytes"
        }
    }
}

/// One declared message or command kind.
public struct WireMessageSpec: Hashable, Sendable {
    /// 1...32 bytes.
    public var name: String
    public var format: WirePayloadFormat

    public init(name: String, format: WirePayloadFormat) {
        self.name = name
        self.format = format
    }
}

/// What a message's or command's payload holds.
public enum WirePayloadFormat: UInt8, CaseIterable, Sendable {
    /// UTF-8 text (checked).
    case text = 0
    /// Opaque bytes.
    case bytes = 1

    /// The name used in the canonical text form.
    public var name: String { self == .text ? "text" : "bytes" }
}
