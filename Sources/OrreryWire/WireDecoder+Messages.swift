/// Message layouts (Protocol/README.md, "Messages").
extension WireDecoder {
    mutating func clientMessage() throws(WireDecodingError) -> ClientMessage {
        let typeByte = try u8()
        guard let type = MessageType(rawValue: typeByte), type.isClientToServer,
              dialect.version >= type.sinceVersion else {
            throw .unknownMessageType(typeByte)
        }
        switch type {
        case .join: return .join(try join())
        case .resume:
            let version = try u8()
            let token = try token()
            return .resume(Resume(version: version, token: token, lastSeq: try varint()))
        case .input:
            let seq = try varint32()
            let heading = try u16()
            let throttle = try u8()
            let actions = try u8()
            let payload = dialect.isV2 ? try binary(max: dialect.inputPayloadMaxBytes, field: "input.payload") : []
            return .input(PlayerInput(seq: seq, heading: heading, throttle: throttle, actions: actions,
                                      payload: payload))
        case .command:
            let codeOffset = offset
            let code = try u8()
            let kind = dialect.command(code)
            guard kind.known else { throw .valueOutOfRange(field: "command.code", offset: codeOffset) }
            let payload = try binary(max: dialect.commandMaxBytes, text: kind.format == .text,
                                     field: "command.payload")
            return .command(WireCommand(code: code, payload: payload))
        default:
            return .ping(Ping(clientTimestamp: try u64()))
        }
    }

    mutating func serverMessage() throws(WireDecodingError) -> ServerMessage {
        let typeByte = try u8()
        guard let type = MessageType(rawValue: typeByte), !type.isClientToServer,
              dialect.version >= type.sinceVersion else {
            throw .unknownMessageType(typeByte)
        }
        switch type {
        case .welcome: return .welcome(try welcome())
        case .eventFrame: return .eventFrame(try eventFrame())
        case .reset: return .reset(try reset())
        case .error:
            let code = try u16()
            let text = try string(allowEmpty: true, max: WireProtocol.maxErrorMessageBytes, field: "error.message")
            return .error(ErrorMessage(code: code, message: text))
        case .schema: return .schema(try schema())
        default:
            let timestamp = try u64()
            return .pong(Pong(clientTimestamp: timestamp, serverTick: try varint()))
        }
    }

    private mutating func join() throws(WireDecodingError) -> Join {
        let version = try u8()
        let roleOffset = offset
        guard let role = Role(rawValue: try u8()) else { throw .valueOutOfRange(field: "join.role", offset: roleOffset) }
        let flagsOffset = offset
        let flags = try u8()
        guard flags & ~3 == 0, flags & 1 == 0 || role == .spectator else {
            throw .valueOutOfRange(field: "join.flags", offset: flagsOffset)
        }
        var region: Region?
        if flags & 1 != 0 {
            let x = try zigzag()
            let y = try zigzag()
            let width = try size(in: 1...Int32.max, field: "join.region.width")
            let height = try size(in: 1...Int32.max, field: "join.region.height")
            region = Region(x: x, y: y, width: width, height: height)
        }
        var name: String?
        if flags & 2 != 0 {
            name = try string(allowEmpty: false, max: WireProtocol.maxDisplayNameBytes, field: "join.displayName")
        }
        return Join(version: version, role: role, region: region, displayName: name)
    }

    private mutating func welcome() throws(WireDecodingError) -> Welcome {
        let version = try u8()
        let playerId = try varint32()
        let avatarId = try varint32()
        let tickRate = try varint32(in: WireProtocol.tickRateRange, field: "welcome.tickRateHz")
        let currentTick = try varint()
        let width = try size(in: 1...Int32.max, field: "welcome.worldWidth")
        let height = try size(in: 1...Int32.max, field: "welcome.worldHeight")
        let radius = try size(in: 0...Int32.max, field: "welcome.viewRadius")
        let hysteresis = try size(in: 0...Int32.max, field: "welcome.viewHysteresis")
        let keepAlive = try varint32(in: 1...UInt32.max, field: "welcome.keepAliveTicks")
        let token = try token()
        let firstSeq = try varint()
        return Welcome(version: version, playerId: playerId, avatarId: avatarId, tickRateHz: tickRate,
                       currentTick: currentTick, worldWidth: width, worldHeight: height, viewRadius: radius,
                       viewHysteresis: hysteresis, keepAliveTicks: keepAlive, resumeToken: token,
                       firstSeq: firstSeq, account: version >= 2 ? try varint32() : 0)
    }

    /// Smallest encoded event (disappeared/avatar: tag + 1-byte varint).
    static let minEventBytes = 2
    /// Smallest encoded entity record: 1-byte id, kind, 4 one-byte zigzags, u16 heading, radius, owner (and the
    /// property count when records carry properties).
    var minRecordBytes: Int { dialect.recordsCarryProperties ? 11 : 10 }

    private mutating func eventFrame() throws(WireDecodingError) -> EventFrame {
        let seq = try varint()
        let tick = try varint()
        let lastInput = try varint32()
        let countOffset = offset
        let count = Int(try u16())
        guard count <= remaining / Self.minEventBytes else {
            throw .countExceedsData(count: UInt64(count), offset: countOffset)
        }
        var events: [WireEvent] = []
        events.reserveCapacity(count)
        for _ in 0..<count {
            events.append(try event())
        }
        return EventFrame(seq: seq, tick: tick, lastInputSeq: lastInput, events: events)
    }

    private mutating func event() throws(WireDecodingError) -> WireEvent {
        let tagOffset = offset
        let tagByte = try u8()
        guard let tag = EventTag(rawValue: tagByte), dialect.version >= tag.sinceVersion else {
            throw .unknownEventTag(tagByte, offset: tagOffset)
        }
        switch tag {
        case .appeared: return .appeared(try record())
        case .changed:
            let id = try entityId()
            let x = try zigzag()
            let y = try zigzag()
            let vx = try zigzag()
            let vy = try zigzag()
            return .changed(EntityMotion(id: id, x: x, y: y, vx: vx, vy: vy, heading: try u16()))
        case .disappeared: return .disappeared(id: try entityId())
        case .destroyed:
            let id = try entityId()
            let reasonOffset = offset
            guard let reason = DestroyReason(rawValue: try u8()) else {
                throw .valueOutOfRange(field: "destroyed.reason", offset: reasonOffset)
            }
            return .destroyed(id: id, reason: reason)
        case .avatar: return .avatar(id: try varint32())
        case .properties:
            let id = try entityId()
            return .properties(id: id, values: try properties(dialect.properties(.entity), isEvent: true,
                                                              field: "properties"))
        case .playerState:
            return .playerState(try properties(dialect.properties(.player), isEvent: true, field: "player-state"))
        case .universeState:
            return .universeState(try properties(dialect.properties(.universe), isEvent: true,
                                                 field: "universe-state"))
        case .message: return .message(try gameMessage())
        }
    }

    private mutating func reset() throws(WireDecodingError) -> ResetFrame {
        let seq = try varint()
        let tick = try varint()
        let lastInput = try varint32()
        let avatar = try varint32()
        let countOffset = offset
        let count = Int(try fixed(4))
        guard count <= WireProtocol.maxResetEntities else {
            throw .valueOutOfRange(field: "reset.count", offset: countOffset)
        }
        guard count <= remaining / minRecordBytes else {
            throw .countExceedsData(count: UInt64(count), offset: countOffset)
        }
        var entities: [EntityRecord] = []
        entities.reserveCapacity(count)
        for _ in 0..<count {
            entities.append(try record())
        }
        guard dialect.isV2 else {
            return ResetFrame(seq: seq, tick: tick, lastInputSeq: lastInput, avatarId: avatar, entities: entities)
        }
        let playerState = try properties(dialect.properties(.player), isEvent: false, field: "reset.playerState")
        let universeState = try properties(dialect.properties(.universe), isEvent: false,
                                           field: "reset.universeState")
        return ResetFrame(seq: seq, tick: tick, lastInputSeq: lastInput, avatarId: avatar, entities: entities,
                          playerState: playerState, universeState: universeState)
    }

    private mutating func record() throws(WireDecodingError) -> EntityRecord {
        let id = try entityId()
        let kind = try u8()
        let x = try zigzag()
        let y = try zigzag()
        let vx = try zigzag()
        let vy = try zigzag()
        let heading = try u16()
        let radius = try size(in: 0...Int32.max, field: "entity.radius")
        let owner = try varint32()
        let values = dialect.recordsCarryProperties
            ? try properties(dialect.properties(.entity), isEvent: false, field: "entity.properties") : []
        return EntityRecord(id: id, kind: kind, x: x, y: y, vx: vx, vy: vy, heading: heading, radius: radius,
                            owner: owner, properties: values)
    }

    private mutating func gameMessage() throws(WireDecodingError) -> WireGameMessage {
        let scopeOffset = offset
        let scope: WireMessageScope
        switch try u8() {
        case 0: scope = .player
        case 1: scope = .entity(try varint32(in: 1...UInt32.max, field: "message.entity"))
        case 2: scope = .universe
        default: throw .valueOutOfRange(field: "message.scope", offset: scopeOffset)
        }
        let codeOffset = offset
        let code = try u8()
        let messages = dialect.messages
        guard Int(code) < messages.count else { throw .valueOutOfRange(field: "message.code", offset: codeOffset) }
        let payload = try binary(max: WireProtocol.maxMessagePayloadBytes,
                                 text: messages[Int(code)].format == .text, field: "message.payload")
        return WireGameMessage(scope: scope, code: code, payload: payload)
    }
}
