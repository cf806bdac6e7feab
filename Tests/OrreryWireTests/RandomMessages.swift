import OrreryWire
import TestSupport

/// Generates valid messages of every type of a dialect, mixing edge values with ordinary ones.
struct RandomMessages {
    var rng: TestRandom
    let dialect: WireDialect

    init(seed: UInt64, dialect: WireDialect = .v1) {
        rng = TestRandom(seed: seed)
        self.dialect = dialect
    }

    private var schema: SchemaMessage { dialect.schema ?? SchemaMessage(game: "game") }

    private mutating func pick<T: FixedWidthInteger>(_ type: T.Type, edges: [T] = []) -> T {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: (edges + [T.min, T.max, 0, 1]).randomElement(using: &rng) ?? 0
        case 1: T(truncatingIfNeeded: Int8.random(in: .min ... .max, using: &rng))
        default: T.random(in: .min ... .max, using: &rng)
        }
    }

    private mutating func nonZero<T: FixedWidthInteger>(_ type: T.Type) -> T {
        let value = pick(type)
        return value == 0 ? 1 : value
    }

    private mutating func nonNegative(_ minimum: Int32 = 0) -> Int32 {
        max(minimum, pick(Int32.self) & Int32.max)
    }

    private mutating func text(maxBytes: Int) -> String {
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "\t", "é", "€", "🚀"]
        var result = ""
        let length = Int.random(in: 1...maxBytes, using: &rng)
        while true {
            let next = alphabet.randomElement(using: &rng) ?? "a"
            guard result.utf8.count + String(next).utf8.count <= length else { break }
            result.append(next)
        }
        return result.isEmpty ? "x" : result
    }

    private mutating func bytes(maxBytes: Int) -> [UInt8] {
        (0..<Int.random(in: 0...maxBytes, using: &rng)).map { _ in pick(UInt8.self) }
    }

    private mutating func value(_ spec: WirePropertySpec) -> WireValue {
        switch spec.type {
        case .int: .int(pick(Int64.self))
        case .string: .string(Bool.random(using: &rng) ? text(maxBytes: Int(spec.maxLength)) : "")
        case .bytes: .bytes(bytes(maxBytes: Int(spec.maxLength)))
        }
    }

    /// A property list of a scope: distinct ascending indexes; an event's (`nonEmpty`) has at least one pair,
    /// a record's only non-default values.
    mutating func properties(_ specs: [WirePropertySpec], nonEmpty: Bool) -> [WireProperty] {
        var list: [WireProperty] = []
        for (index, spec) in specs.enumerated() where Bool.random(using: &rng) {
            let value = value(spec)
            if nonEmpty || !value.isDefault { list.append(WireProperty(index: UInt8(index), value: value)) }
        }
        if nonEmpty, list.isEmpty, let spec = specs.first {
            list.append(WireProperty(index: 0, value: value(spec)))
        }
        return list
    }

    private mutating func payload(_ format: WirePayloadFormat, maxBytes: Int) -> [UInt8] {
        format == .text ? Array(text(maxBytes: max(1, maxBytes)).utf8) : bytes(maxBytes: maxBytes)
    }

    private mutating func token() -> ResumeToken {
        ResumeToken(low: pick(UInt64.self), high: pick(UInt64.self))
    }

    mutating func record() -> EntityRecord {
        EntityRecord(id: nonZero(UInt32.self), kind: pick(UInt8.self), x: pick(Int32.self), y: pick(Int32.self),
                     vx: pick(Int32.self), vy: pick(Int32.self), heading: pick(UInt16.self), radius: nonNegative(),
                     owner: pick(UInt32.self),
                     properties: dialect.isV2 ? properties(schema.entityProperties, nonEmpty: false) : [])
    }

    mutating func event() -> WireEvent {
        switch Int.random(in: 0..<(dialect.isV2 ? 9 : 5), using: &rng) {
        case 0: .appeared(record())
        case 1: .changed(EntityMotion(id: nonZero(UInt32.self), x: pick(Int32.self), y: pick(Int32.self),
                                      vx: pick(Int32.self), vy: pick(Int32.self), heading: pick(UInt16.self)))
        case 2: .disappeared(id: nonZero(UInt32.self))
        case 3: .destroyed(id: nonZero(UInt32.self), reason: DestroyReason.allCases.randomElement(using: &rng)!)
        case 4: .avatar(id: pick(UInt32.self))
        case 5: .properties(id: nonZero(UInt32.self), values: properties(schema.entityProperties, nonEmpty: true))
        case 6: .playerState(properties(schema.playerProperties, nonEmpty: true))
        case 7: .universeState(properties(schema.universeProperties, nonEmpty: true))
        default: .message(gameMessage())
        }
    }

    private mutating func gameMessage() -> WireGameMessage {
        let scopes: [WireMessageScope] = [.player, .entity(nonZero(UInt32.self)), .universe]
        let code = UInt8.random(in: 0..<UInt8(schema.messages.count), using: &rng)
        let limit = Bool.random(using: &rng) ? 24 : WireProtocol.maxMessagePayloadBytes
        return WireGameMessage(scope: scopes.randomElement(using: &rng)!, code: code,
                               payload: payload(schema.messages[Int(code)].format, maxBytes: limit))
    }

    mutating func clientMessage() -> ClientMessage {
        switch Int.random(in: 0..<(dialect.isV2 ? 5 : 4), using: &rng) {
        case 0:
            let role = Role.allCases.randomElement(using: &rng)!
            let region = role == .spectator && Bool.random(using: &rng)
                ? Region(x: pick(Int32.self), y: pick(Int32.self), width: nonNegative(1), height: nonNegative(1))
                : nil
            let name = Bool.random(using: &rng) ? text(maxBytes: WireProtocol.maxDisplayNameBytes) : nil
            return .join(Join(version: pick(UInt8.self), role: role, region: region, displayName: name))
        case 1: return .resume(Resume(version: pick(UInt8.self), token: token(), lastSeq: pick(UInt64.self)))
        case 2: return .input(PlayerInput(seq: pick(UInt32.self), heading: pick(UInt16.self),
                                          throttle: pick(UInt8.self), actions: pick(UInt8.self),
                                          payload: dialect.isV2 ? bytes(maxBytes: Int(schema.inputPayloadMaxBytes)) : []))
        case 3: return .ping(Ping(clientTimestamp: pick(UInt64.self)))
        default:
            let code = UInt8.random(in: 0..<UInt8(schema.commands.count), using: &rng)
            return .command(WireCommand(code: code, payload: payload(schema.commands[Int(code)].format,
                                                                     maxBytes: Int(schema.commandMaxBytes))))
        }
    }

    mutating func serverMessage() -> ServerMessage {
        switch Int.random(in: 0..<(dialect.isV2 ? 6 : 5), using: &rng) {
        case 0:
            let version = pick(UInt8.self)
            return .welcome(Welcome(
                version: version, playerId: pick(UInt32.self), avatarId: pick(UInt32.self),
                tickRateHz: UInt32.random(in: WireProtocol.tickRateRange, using: &rng),
                currentTick: pick(UInt64.self), worldWidth: nonNegative(1), worldHeight: nonNegative(1),
                viewRadius: nonNegative(), viewHysteresis: nonNegative(), keepAliveTicks: nonZero(UInt32.self),
                resumeToken: token(), firstSeq: pick(UInt64.self), account: version >= 2 ? pick(UInt32.self) : 0))
        case 1:
            let count = Int.random(in: 0...12, using: &rng)
            return .eventFrame(EventFrame(seq: pick(UInt64.self), tick: pick(UInt64.self),
                                          lastInputSeq: pick(UInt32.self), events: (0..<count).map { _ in event() }))
        case 2:
            let count = Int.random(in: 0...6, using: &rng)
            return .reset(ResetFrame(seq: pick(UInt64.self), tick: pick(UInt64.self), lastInputSeq: pick(UInt32.self),
                                     avatarId: pick(UInt32.self), entities: (0..<count).map { _ in record() },
                                     playerState: dialect.isV2 ? properties(schema.playerProperties, nonEmpty: false) : [],
                                     universeState: dialect.isV2
                                        ? properties(schema.universeProperties, nonEmpty: false) : []))
        case 3:
            let message = Bool.random(using: &rng) ? text(maxBytes: 64) : ""
            return .error(ErrorMessage(code: pick(UInt16.self), message: message))
        case 4:
            return .pong(Pong(clientTimestamp: pick(UInt64.self), serverTick: pick(UInt64.self)))
        default:
            return .schema(randomSchema())
        }
    }

    private mutating func specs(maxCount: Int) -> [WirePropertySpec] {
        (0..<Int.random(in: 0...maxCount, using: &rng)).map { index in
            let type = WirePropertyType.allCases.randomElement(using: &rng)!
            return WirePropertySpec(name: "p\(index)", type: type,
                                    maxLength: type == .int ? 0 : UInt32.random(in: 1...255, using: &rng))
        }
    }

    private mutating func messageSpecs() -> [WireMessageSpec] {
        (0..<Int.random(in: 0...4, using: &rng)).map { index in
            WireMessageSpec(name: "m\(index)" + text(maxBytes: 8),
                            format: WirePayloadFormat.allCases.randomElement(using: &rng)!)
        }
    }

    /// A valid schema with random lists and unique names.
    mutating func randomSchema() -> SchemaMessage {
        let entity = specs(maxCount: 5)
        let codes = Array(Set((0..<Int.random(in: 0...5, using: &rng)).map { _ in pick(UInt8.self) }))
        let kinds = codes.sorted().map { code in
            WireKindStyle(code: code, name: "k\(code)" + text(maxBytes: 8),
                          shape: WireShape.allCases.randomElement(using: &rng)!,
                          color: UInt32.random(in: 0...0xFF_FFFF, using: &rng),
                          glyph: Bool.random(using: &rng) ? text(maxBytes: WireProtocol.maxGlyphBytes) : "",
                          label: UInt8.random(in: 0...UInt8(entity.count), using: &rng))
        }
        return SchemaMessage(game: text(maxBytes: WireProtocol.maxSchemaNameBytes), kinds: kinds,
                             entityProperties: entity, playerProperties: specs(maxCount: 3),
                             universeProperties: specs(maxCount: 3), messages: messageSpecs(),
                             commands: messageSpecs(),
                             inputPayloadMaxBytes: UInt8.random(in: 0...WireProtocol.maxInputPayloadBytes, using: &rng),
                             commandMaxBytes: UInt8.random(in: 0...WireProtocol.maxCommandBytes, using: &rng))
    }
}
