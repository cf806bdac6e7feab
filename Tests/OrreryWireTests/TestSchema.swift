import OrreryWire

/// A schema with every property type in every scope, both payload formats, and the largest payload limits, for
/// the version-2 round-trip and fuzz tests.
enum TestSchema {
    static let schema = SchemaMessage(
        game: "test",
        kinds: [WireKindStyle(code: 1, name: "ship", shape: .triangle, color: 0x00FF00, glyph: "▲", label: 2),
                WireKindStyle(code: 7, name: "rock", shape: .circle, color: 0x808080)],
        entityProperties: [WirePropertySpec(name: "hp", type: .int),
                           WirePropertySpec(name: "tag", type: .bytes, maxLength: 4),
                           WirePropertySpec(name: "name", type: .string, maxLength: 16)],
        playerProperties: [WirePropertySpec(name: "ammo", type: .int),
                           WirePropertySpec(name: "bag", type: .bytes, maxLength: 8)],
        universeProperties: [WirePropertySpec(name: "clock", type: .int),
                             WirePropertySpec(name: "board", type: .string, maxLength: 255)],
        messages: [WireMessageSpec(name: "chat", format: .text), WireMessageSpec(name: "blob", format: .bytes)],
        commands: [WireMessageSpec(name: "say", format: .text), WireMessageSpec(name: "buy", format: .bytes)],
        inputPayloadMaxBytes: WireProtocol.maxInputPayloadBytes, commandMaxBytes: WireProtocol.maxCommandBytes)

    static let dialect = WireDialect(schema: schema)

    /// Both dialects the codec speaks.
    static let dialects = [WireDialect.v1, dialect]
}
