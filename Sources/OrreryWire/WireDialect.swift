/// What a session's messages mean beyond their bytes: the protocol version and, for version 2, the game's schema
/// (property values, message and command codes are decoded and checked with it). Version 1 has no schema.
public struct WireDialect: Hashable, Sendable {
    /// 1 or 2.
    public let version: UInt8
    /// The session's schema (version 2); empty for version 1.
    public let schema: SchemaMessage

    /// Version 1: today's bytes, no properties, messages or commands.
    public static let v1 = WireDialect(version: 1, schema: SchemaMessage(game: "game"))

    /// Version 2 with `schema`.
    public init(schema: SchemaMessage) {
        self.init(version: 2, schema: schema)
    }

    private init(version: UInt8, schema: SchemaMessage) {
        self.version = version
        self.schema = schema
    }

    /// True when the version-2 layouts apply.
    public var isV2: Bool { version >= 2 }
}
