/// The schema message's layout (Protocol/README.md, section 4): every count is checked against its maximum when
/// read, before its items.
extension WireDecoder {
    mutating func schema() throws(WireDecodingError) -> SchemaMessage {
        let game = try name("schema.game")
        let kindCount = try count(max: WireProtocol.maxSchemaKinds, field: "schema.kindCount")
        var kinds: [WireKindStyle] = []
        var largestLabel = (label: 0, offset: 0)
        for _ in 0..<kindCount {
            let codeOffset = offset
            let code = try u8()
            guard !kinds.contains(where: { $0.code == code }) else {
                throw .valueOutOfRange(field: "kind.code", offset: codeOffset)
            }
            let kindName = try name("kind.name", unlike: kinds.map(\.name))
            let shapeOffset = offset
            guard let shape = WireShape(rawValue: try u8()) else {
                throw .valueOutOfRange(field: "kind.shape", offset: shapeOffset)
            }
            let colorOffset = offset
            let color = UInt32(try fixed(4))
            guard color <= 0xFF_FFFF else { throw .valueOutOfRange(field: "kind.color", offset: colorOffset) }
            let glyph = try string(allowEmpty: true, max: WireProtocol.maxGlyphBytes, field: "kind.glyph")
            let labelOffset = offset
            let label = try u8()
            if Int(label) > largestLabel.label { largestLabel = (Int(label), labelOffset) }
            kinds.append(WireKindStyle(code: code, name: kindName, shape: shape, color: color, glyph: glyph,
                                       label: label))
        }
        let entity = try propertySpecs()
        guard largestLabel.label <= entity.count else {
            throw .valueOutOfRange(field: "kind.label", offset: largestLabel.offset)
        }
        let player = try propertySpecs()
        let universe = try propertySpecs()
        let messages = try messageSpecs()
        let commands = try messageSpecs()
        let inputOffset = offset
        let inputMax = try u8()
        guard inputMax <= WireProtocol.maxInputPayloadBytes else {
            throw .valueOutOfRange(field: "schema.inputPayloadMaxBytes", offset: inputOffset)
        }
        let commandOffset = offset
        let commandMax = try u8()
        guard commandMax <= WireProtocol.maxCommandBytes else {
            throw .valueOutOfRange(field: "schema.commandMaxBytes", offset: commandOffset)
        }
        return SchemaMessage(game: game, kinds: kinds, entityProperties: entity, playerProperties: player,
                             universeProperties: universe, messages: messages, commands: commands,
                             inputPayloadMaxBytes: inputMax, commandMaxBytes: commandMax)
    }

    private mutating func name(_ field: String) throws(WireDecodingError) -> String {
        try string(allowEmpty: false, max: WireProtocol.maxSchemaNameBytes, field: field)
    }

    /// A name that none of the list's earlier items has.
    private mutating func name(_ field: String, unlike earlier: [String]) throws(WireDecodingError) -> String {
        let nameOffset = offset
        let text = try name(field)
        guard !earlier.contains(text) else { throw .valueOutOfRange(field: field, offset: nameOffset) }
        return text
    }

    private mutating func count(max: Int, field: String) throws(WireDecodingError) -> Int {
        let countOffset = offset
        let count = Int(try u8())
        guard count <= max else { throw .valueOutOfRange(field: field, offset: countOffset) }
        return count
    }

    private mutating func propertySpecs() throws(WireDecodingError) -> [WirePropertySpec] {
        let count = try count(max: WireProtocol.maxSchemaProperties, field: "schema.propertyCount")
        var specs: [WirePropertySpec] = []
        for _ in 0..<count {
            let specName = try name("property.name", unlike: specs.map(\.name))
            let typeOffset = offset
            guard let type = WirePropertyType(rawValue: try u8()) else {
                throw .valueOutOfRange(field: "property.type", offset: typeOffset)
            }
            let lengths: ClosedRange<UInt32> = type == .int ? 0...0 : 1...WireProtocol.maxPropertyLength
            let maxLength = try varint32(in: lengths, field: "property.maxLength")
            specs.append(WirePropertySpec(name: specName, type: type, maxLength: maxLength))
        }
        return specs
    }

    private mutating func messageSpecs() throws(WireDecodingError) -> [WireMessageSpec] {
        let count = try count(max: WireProtocol.maxSchemaKinds, field: "schema.messageCount")
        var specs: [WireMessageSpec] = []
        for _ in 0..<count {
            let specName = try name("message.name", unlike: specs.map(\.name))
            let formatOffset = offset
            guard let format = WirePayloadFormat(rawValue: try u8()) else {
                throw .valueOutOfRange(field: "message.format", offset: formatOffset)
            }
            specs.append(WireMessageSpec(name: specName, format: format))
        }
        return specs
    }
}
