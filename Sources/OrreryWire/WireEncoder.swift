/// Encodes messages by appending bytes to a caller's buffer. Nothing is allocated beyond the buffer's growth.
/// The dialect (version and schema) fixes the layouts; join, resume and welcome carry their own version byte.
public enum WireEncoder {
    /// Appends one client→server message. On error the buffer is unchanged.
    public static func encode(_ message: ClientMessage, dialect: WireDialect = .v1,
                              into buffer: inout [UInt8]) throws(WireEncodingError) {
        guard dialect.version >= message.type.sinceVersion else {
            throw .notInVersion(message.type.name, version: dialect.version)
        }
        let start = buffer.count
        do throws(WireEncodingError) {
            switch message {
            case .join(let join): try putJoin(join, &buffer)
            case .resume(let resume):
                buffer.append(MessageType.resume.rawValue)
                buffer.append(resume.version)
                putToken(resume.token, &buffer)
                putVarint(resume.lastSeq, &buffer)
            case .input(let input): try putInput(input, dialect, &buffer)
            case .ping(let ping):
                buffer.append(MessageType.ping.rawValue)
                putU64(ping.clientTimestamp, &buffer)
            case .command(let command):
                let kind = dialect.command(command.code)
                guard kind.known else { throw .valueOutOfRange(field: "command.code") }
                buffer.append(MessageType.command.rawValue)
                buffer.append(command.code)
                try putBinary(command.payload, max: dialect.commandMaxBytes, text: kind.format == .text,
                              field: "command.payload", &buffer)
            }
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
    }

    /// Appends one server→client message. On error the buffer is unchanged.
    /// For the per-tick hot path prefer `EventFrameWriter`, which needs no event array.
    public static func encode(_ message: ServerMessage, dialect: WireDialect = .v1,
                              into buffer: inout [UInt8]) throws(WireEncodingError) {
        guard dialect.version >= message.type.sinceVersion else {
            throw .notInVersion(message.type.name, version: dialect.version)
        }
        let start = buffer.count
        do throws(WireEncodingError) {
            switch message {
            case .welcome(let welcome): try putWelcome(welcome, &buffer)
            case .eventFrame(let frame):
                var writer = EventFrameWriter(seq: frame.seq, tick: frame.tick, lastInputSeq: frame.lastInputSeq,
                                              dialect: dialect, into: &buffer)
                for event in frame.events {
                    try writer.append(event, to: &buffer)
                }
            case .reset(let reset):
                var writer = ResetWriter(seq: reset.seq, tick: reset.tick, lastInputSeq: reset.lastInputSeq,
                                         avatarId: reset.avatarId, dialect: dialect, into: &buffer)
                for entity in reset.entities {
                    try writer.append(entity, to: &buffer)
                }
                try writer.finish(playerState: reset.playerState, universeState: reset.universeState, to: &buffer)
            case .error(let error):
                buffer.append(MessageType.error.rawValue)
                putU16(error.code, &buffer)
                try putString(error.message, allowEmpty: true, max: WireProtocol.maxErrorMessageBytes,
                              field: "error.message", &buffer)
            case .pong(let pong):
                buffer.append(MessageType.pong.rawValue)
                putU64(pong.clientTimestamp, &buffer)
                putVarint(pong.serverTick, &buffer)
            case .schema(let schema): try putSchema(schema, &buffer)
            }
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
    }

    private static func putJoin(_ join: Join, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        buffer.append(MessageType.join.rawValue)
        buffer.append(join.version)
        buffer.append(join.role.rawValue)
        var flags: UInt8 = 0
        if join.region != nil { flags |= 1 }
        if join.displayName != nil { flags |= 2 }
        buffer.append(flags)
        if let region = join.region {
            guard join.role == .spectator else { throw .valueOutOfRange(field: "join.region") }
            guard region.width > 0 else { throw .valueOutOfRange(field: "join.region.width") }
            guard region.height > 0 else { throw .valueOutOfRange(field: "join.region.height") }
            putZigzag(region.x, &buffer)
            putZigzag(region.y, &buffer)
            putVarint(UInt64(region.width), &buffer)
            putVarint(UInt64(region.height), &buffer)
        }
        if let name = join.displayName {
            try putString(name, allowEmpty: false, max: WireProtocol.maxDisplayNameBytes,
                          field: "join.displayName", &buffer)
        }
    }

    private static func putInput(_ input: PlayerInput, _ dialect: WireDialect,
                                 _ buffer: inout [UInt8]) throws(WireEncodingError) {
        buffer.append(MessageType.input.rawValue)
        putVarint(UInt64(input.seq), &buffer)
        putU16(input.heading, &buffer)
        buffer.append(input.throttle)
        buffer.append(input.actions)
        if dialect.isV2 {
            try putBinary(input.payload, max: dialect.inputPayloadMaxBytes, field: "input.payload", &buffer)
        } else if !input.payload.isEmpty {
            throw .notInVersion("input payload", version: dialect.version)
        }
    }

    private static func putWelcome(_ welcome: Welcome, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        guard WireProtocol.tickRateRange.contains(welcome.tickRateHz) else {
            throw .valueOutOfRange(field: "welcome.tickRateHz")
        }
        guard welcome.worldWidth > 0 else { throw .valueOutOfRange(field: "welcome.worldWidth") }
        guard welcome.worldHeight > 0 else { throw .valueOutOfRange(field: "welcome.worldHeight") }
        guard welcome.viewRadius >= 0 else { throw .valueOutOfRange(field: "welcome.viewRadius") }
        guard welcome.viewHysteresis >= 0 else { throw .valueOutOfRange(field: "welcome.viewHysteresis") }
        guard welcome.keepAliveTicks > 0 else { throw .valueOutOfRange(field: "welcome.keepAliveTicks") }
        guard welcome.version >= 2 || welcome.account == 0 else { throw .valueOutOfRange(field: "welcome.account") }
        buffer.append(MessageType.welcome.rawValue)
        buffer.append(welcome.version)
        putVarint(UInt64(welcome.playerId), &buffer)
        putVarint(UInt64(welcome.avatarId), &buffer)
        putVarint(UInt64(welcome.tickRateHz), &buffer)
        putVarint(welcome.currentTick, &buffer)
        putVarint(UInt64(welcome.worldWidth), &buffer)
        putVarint(UInt64(welcome.worldHeight), &buffer)
        putVarint(UInt64(welcome.viewRadius), &buffer)
        putVarint(UInt64(welcome.viewHysteresis), &buffer)
        putVarint(UInt64(welcome.keepAliveTicks), &buffer)
        putToken(welcome.resumeToken, &buffer)
        putVarint(welcome.firstSeq, &buffer)
        if welcome.version >= 2 {
            putVarint(UInt64(welcome.account), &buffer)
        }
    }

    private static func putName(_ name: String, field: String, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        try putString(name, allowEmpty: false, max: WireProtocol.maxSchemaNameBytes, field: field, &buffer)
    }

    private static func putCount(_ count: Int, max: Int, field: String,
                                 _ buffer: inout [UInt8]) throws(WireEncodingError) {
        guard count <= max else { throw .valueOutOfRange(field: field) }
        buffer.append(UInt8(count))
    }

    private static func checkUnique(_ names: [String], field: String) throws(WireEncodingError) {
        guard Set(names).count == names.count else { throw .valueOutOfRange(field: field) }
    }

    private static func putSchema(_ schema: SchemaMessage, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        buffer.append(MessageType.schema.rawValue)
        try putName(schema.game, field: "schema.game", &buffer)
        try putCount(schema.kinds.count, max: WireProtocol.maxSchemaKinds, field: "schema.kindCount", &buffer)
        guard Set(schema.kinds.map(\.code)).count == schema.kinds.count else { throw .valueOutOfRange(field: "kind.code") }
        try checkUnique(schema.kinds.map(\.name), field: "kind.name")
        for kind in schema.kinds {
            guard kind.color <= 0xFF_FFFF else { throw .valueOutOfRange(field: "kind.color") }
            guard Int(kind.label) <= schema.entityProperties.count else { throw .valueOutOfRange(field: "kind.label") }
            buffer.append(kind.code)
            try putName(kind.name, field: "kind.name", &buffer)
            buffer.append(kind.shape.rawValue)
            putU32(kind.color, &buffer)
            try putString(kind.glyph, allowEmpty: true, max: WireProtocol.maxGlyphBytes, field: "kind.glyph",
                          &buffer)
            buffer.append(kind.label)
        }
        for scope in WirePropertyScope.allCases {
            let specs = schema.properties(scope)
            try checkUnique(specs.map(\.name), field: "property.name")
            try putCount(specs.count, max: WireProtocol.maxSchemaProperties, field: "schema.propertyCount", &buffer)
            for spec in specs {
                let lengths: ClosedRange<UInt32> = spec.type == .int ? 0...0 : 1...WireProtocol.maxPropertyLength
                guard lengths.contains(spec.maxLength) else { throw .valueOutOfRange(field: "property.maxLength") }
                try putName(spec.name, field: "property.name", &buffer)
                buffer.append(spec.type.rawValue)
                putVarint(UInt64(spec.maxLength), &buffer)
            }
        }
        for kinds in [schema.messages, schema.commands] {
            try checkUnique(kinds.map(\.name), field: "message.name")
            try putCount(kinds.count, max: WireProtocol.maxSchemaKinds, field: "schema.messageCount", &buffer)
            for kind in kinds {
                try putName(kind.name, field: "message.name", &buffer)
                buffer.append(kind.format.rawValue)
            }
        }
        guard schema.inputPayloadMaxBytes <= WireProtocol.maxInputPayloadBytes else {
            throw .valueOutOfRange(field: "schema.inputPayloadMaxBytes")
        }
        guard schema.commandMaxBytes <= WireProtocol.maxCommandBytes else {
            throw .valueOutOfRange(field: "schema.commandMaxBytes")
        }
        buffer.append(schema.inputPayloadMaxBytes)
        buffer.append(schema.commandMaxBytes)
    }
}
