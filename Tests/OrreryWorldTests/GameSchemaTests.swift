import Testing
@testable import OrreryWorld

/// A schema is checked against the protocol's limits once, and a universe refuses one that fails.
@Suite struct GameSchemaTests {
    private func spec(_ name: String, _ type: PropertyType = .int) -> PropertySpec {
        PropertySpec(name: name, type: type)
    }

    @Test func theDefaultAndTheFeatureSchemasAreValid() throws {
        try GameSchema().validate()
        try featureSchema.validate()
        #expect(GameSchema().game == "game" && GameSchema().commandMaxBytes == 128)
        #expect(EmptyRules().schema == GameSchema())
    }

    @Test func namesLookUpTypedKeysByPosition() {
        #expect(featureSchema.entityProperty("tag") == EntityProperty(index: 2))
        #expect(featureSchema.playerProperty("secret") == PlayerProperty(index: 1))
        #expect(featureSchema.universeProperty("leader") == UniverseProperty(index: 1))
        #expect(featureSchema.message("ping") == GameMessageKind(code: 1))
        #expect(featureSchema.command("say") == CommandKind(code: 0))
        #expect(featureSchema.entityProperty("ammo") == nil && featureSchema.command("chat") == nil)
        #expect(featureSchema.style(ofKind: 1)?.glyph == "o" && featureSchema.style(ofKind: 2) == nil)
    }

    static let invalid: [(GameSchema, GameSchemaError)] = {
        let long = String(repeating: "n", count: 33)
        let many = (0..<33).map { PropertySpec(name: "p\($0)", type: .int) }
        let kinds = (0..<65).map { EntityKindStyle(code: UInt8($0), name: "k\($0)") }
        let messages = (0..<65).map { MessageSpec(name: "m\($0)") }
        return [
            (GameSchema(game: ""), .invalidName("")),
            (GameSchema(game: long), .invalidName(long)),
            (GameSchema(kinds: kinds), .tooManyKinds(65)),
            (GameSchema(kinds: [EntityKindStyle(code: 1, name: "a"), EntityKindStyle(code: 1, name: "b")]),
             .duplicateKindCode(1)),
            (GameSchema(kinds: [EntityKindStyle(code: 1, name: "a"), EntityKindStyle(code: 2, name: "a")]),
             .duplicateName("a")),
            (GameSchema(kinds: [EntityKindStyle(code: 1, name: "a", color: 0x100_0000)]),
             .invalidColor(kind: "a", color: 0x100_0000)),
            (GameSchema(kinds: [EntityKindStyle(code: 1, name: "a", glyph: "ab")]), .invalidGlyph(kind: "a", glyph: "ab")),
            (GameSchema(kinds: [EntityKindStyle(code: 1, name: "a", label: EntityProperty(index: 0))]),
             .invalidLabel(kind: "a", index: 0)),
            (GameSchema(entityProperties: many), .tooManyProperties(scope: .entity, count: 33)),
            (GameSchema(playerProperties: many), .tooManyProperties(scope: .player, count: 33)),
            (GameSchema(universeProperties: many), .tooManyProperties(scope: .universe, count: 33)),
            (GameSchema(universeProperties: [PropertySpec(name: "x", type: .int), PropertySpec(name: "x", type: .int)]),
             .duplicateName("x")),
            (GameSchema(entityProperties: [PropertySpec(name: "s", type: .string(maxLength: 0))]),
             .invalidMaxLength(property: "s", maxLength: 0)),
            (GameSchema(playerProperties: [PropertySpec(name: "b", type: .bytes(maxLength: 256))]),
             .invalidMaxLength(property: "b", maxLength: 256)),
            (GameSchema(entityProperties: [PropertySpec(name: long, type: .int)]), .invalidName(long)),
            (GameSchema(messages: messages), .tooManyMessageKinds(65)),
            (GameSchema(commands: messages), .tooManyCommandKinds(65)),
            (GameSchema(commands: [MessageSpec(name: "c"), MessageSpec(name: "c", format: .bytes)]), .duplicateName("c")),
            (GameSchema(inputPayloadMaxBytes: 65), .invalidInputPayloadLimit(65)),
            (GameSchema(inputPayloadMaxBytes: -1), .invalidInputPayloadLimit(-1)),
            (GameSchema(commandMaxBytes: 201), .invalidCommandLimit(201)),
        ]
    }()

    @Test(arguments: invalid)
    func aSchemaOverALimitIsRefusedWithItsReason(schema: GameSchema, error: GameSchemaError) {
        #expect(throws: error) { try schema.validate() }
        #expect(!error.description.isEmpty)
    }

    @Test func theLimitsThemselvesAreAccepted() throws {
        let name = String(repeating: "é", count: 16)
        let most = (0..<32).map { PropertySpec(name: "p\($0)", type: .string(maxLength: 255)) }
        let kinds = (0..<64).map { EntityKindStyle(code: UInt8($0), name: "k\($0)", color: 0xFF_FFFF, glyph: "▲",
                                                   label: EntityProperty(index: 31)) }
        let messages = (0..<64).map { MessageSpec(name: "m\($0)", format: .bytes) }
        try GameSchema(game: name, kinds: kinds, entityProperties: most, playerProperties: most,
                       universeProperties: most, messages: messages, commands: messages, inputPayloadMaxBytes: 64,
                       commandMaxBytes: 200).validate()
    }

    @Test func aUniverseRefusesRulesWithAnInvalidSchema() {
        var rules = RecordingRules()
        rules.schema.commandMaxBytes = 500
        #expect(throws: UniverseConfigError.invalidSchema(.invalidCommandLimit(500))) {
            try Universe(rules: rules)
        }
    }

    @Test func typesAcceptOnlyTheirOwnValuesWithinTheirLength() {
        #expect(PropertyType.int.accepts(.int(-5)) && !PropertyType.int.accepts(.string("")))
        #expect(PropertyType.string(maxLength: 2).accepts(.string("é")))
        #expect(!PropertyType.string(maxLength: 2).accepts(.string("éa")))
        #expect(PropertyType.bytes(maxLength: 2).accepts(.bytes([1, 2])) && !PropertyType.bytes(maxLength: 2).accepts(.bytes([1, 2, 3])))
        #expect(!PropertyType.bytes(maxLength: 2).accepts(.int(0)))
        #expect(PropertyType.string(maxLength: 3).defaultValue == .string("") && PropertyValue.bytes([]).isDefault)
        #expect(!PropertyValue.int(1).isDefault && PropertyValue.int(0).isDefault)
        #expect(MessageFormat.text.accepts(Array("héllo".utf8)) && !MessageFormat.text.accepts([0xC3]))
        #expect(!MessageFormat.text.accepts([0xED, 0xA0, 0x80]) && MessageFormat.bytes.accepts([0xFF]))
    }

    @Test func aMaskIteratesItsIndexesInAscendingOrder() {
        let mask = PropertyMask(rawValue: 0b1000_0000_0000_0000_0000_0000_0010_0101)
        #expect(Array(mask) == [0, 2, 5, 31])
        #expect(mask.count == 4 && mask.contains(5) && !mask.contains(1) && !mask.contains(40))
        #expect(PropertyMask(rawValue: 0).isEmpty && Array(PropertyMask(rawValue: 0)).isEmpty)
    }
}
