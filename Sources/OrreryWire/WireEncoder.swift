/// Encodes messages by appending bytes to a caller's buffer. Nothing is allocated beyond the buffer's growth.
public enum WireEncoder {
    /// Appends one client→server message. On error the buffer is unchanged.
    public static func encode(_ message: ClientMessage, into buffer: inout [UInt8]) throws(WireEncodingError) {
        let start = buffer.count
        do throws(WireEncodingError) {
            switch message {
            case .join(let join): try putJoin(join, &buffer)
            case .resume(let resume):
                buffer.append(MessageType.resume.rawValue)
                buffer.append(resume.version)
                putToken(resume.token, &buffer)
                putVarint(resume.lastSeq, &buffer)
            case .input(let input):
                buffer.append(MessageType.input.rawValue)
                putVarint(UInt64(input.seq), &buffer)
                putU16(input.heading, &buffer)
                buffer.append(input.throttle)
                buffer.append(input.actions)
            case .ping(let ping):
                buffer.append(MessageType.ping.rawValue)
                putU64(ping.clientTimestamp, &buffer)
            }
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
    }

    /// Appends one server→client message. On error the buffer is unchanged.
    /// For the per-tick hot path prefer `EventFrameWriter`, which needs no event array.
    public static func encode(_ message: ServerMessage, into buffer: inout [UInt8]) throws(WireEncodingError) {
        let start = buffer.count
        do throws(WireEncodingError) {
            switch message {
            case .welcome(let welcome): try putWelcome(welcome, &buffer)
            case .eventFrame(let frame):
                var writer = EventFrameWriter(seq: frame.seq, tick: frame.tick, lastInputSeq: frame.lastInputSeq,
                                              into: &buffer)
                for event in frame.events {
                    try writer.append(event, to: &buffer)
                }
            case .reset(let reset):
                var writer = ResetWriter(seq: reset.seq, tick: reset.tick, lastInputSeq: reset.lastInputSeq,
                                         avatarId: reset.avatarId, into: &buffer)
                for entity in reset.entities {
                    try writer.append(entity, to: &buffer)
                }
            case .error(let error):
                buffer.append(MessageType.error.rawValue)
                putU16(error.code, &buffer)
                try putString(error.message, allowEmpty: true, max: WireProtocol.maxErrorMessageBytes,
                              field: "error.message", &buffer)
            case .pong(let pong):
                buffer.append(MessageType.pong.rawValue)
                putU64(pong.clientTimestamp, &buffer)
                putVarint(pong.serverTick, &buffer)
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

    private static func putWelcome(_ welcome: Welcome, _ buffer: inout [UInt8]) throws(WireEncodingError) {
        guard WireProtocol.tickRateRange.contains(welcome.tickRateHz) else {
            throw .valueOutOfRange(field: "welcome.tickRateHz")
        }
        guard welcome.worldWidth > 0 else { throw .valueOutOfRange(field: "welcome.worldWidth") }
        guard welcome.worldHeight > 0 else { throw .valueOutOfRange(field: "welcome.worldHeight") }
        guard welcome.viewRadius >= 0 else { throw .valueOutOfRange(field: "welcome.viewRadius") }
        guard welcome.viewHysteresis >= 0 else { throw .valueOutOfRange(field: "welcome.viewHysteresis") }
        guard welcome.keepAliveTicks > 0 else { throw .valueOutOfRange(field: "welcome.keepAliveTicks") }
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
    }
}
