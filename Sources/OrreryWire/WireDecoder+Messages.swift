/// Message layouts (Protocol/README.md, "Messages").
extension WireDecoder {
    mutating func clientMessage() throws(WireDecodingError) -> ClientMessage {
        let typeByte = try u8()
        guard let type = MessageType(rawValue: typeByte), type.isClientToServer else {
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
            return .input(PlayerInput(seq: seq, heading: heading, throttle: throttle, actions: try u8()))
        default:
            return .ping(Ping(clientTimestamp: try u64()))
        }
    }

    mutating func serverMessage() throws(WireDecodingError) -> ServerMessage {
        let typeByte = try u8()
        guard let type = MessageType(rawValue: typeByte), !type.isClientToServer else {
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
        return Welcome(version: version, playerId: playerId, avatarId: avatarId, tickRateHz: tickRate,
                       currentTick: currentTick, worldWidth: width, worldHeight: height, viewRadius: radius,
                       viewHysteresis: hysteresis, keepAliveTicks: keepAlive, resumeToken: token,
                       firstSeq: try varint())
    }

    /// Smallest encoded event (disappeared/avatar: tag + 1-byte varint).
    static let minEventBytes = 2
    /// Smallest encoded entity record: 1-byte id, kind, 4 one-byte zigzags, u16 heading, radius, owner.
    static let minRecordBytes = 10

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
        guard let tag = EventTag(rawValue: tagByte) else { throw .unknownEventTag(tagByte, offset: tagOffset) }
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
        guard count <= remaining / Self.minRecordBytes else {
            throw .countExceedsData(count: UInt64(count), offset: countOffset)
        }
        var entities: [EntityRecord] = []
        entities.reserveCapacity(count)
        for _ in 0..<count {
            entities.append(try record())
        }
        return ResetFrame(seq: seq, tick: tick, lastInputSeq: lastInput, avatarId: avatar, entities: entities)
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
        return EntityRecord(id: id, kind: kind, x: x, y: y, vx: vx, vy: vy, heading: heading, radius: radius,
                            owner: try varint32())
    }
}
