import OrreryWorld

/// Why a record payload does not decode (wrapped into `JournalError.malformed` with the record's place).
struct JournalPayloadError: Error {
    let reason: String
}

/// Decodes record payloads written by `JournalEncoder`, checking every length against what is left.
struct JournalDecoder {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { position == end }

    mutating func byte() throws(JournalPayloadError) -> UInt8 {
        guard position < end else { throw JournalPayloadError(reason: "ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint64() throws(JournalPayloadError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, shift < 63 || next <= 1 else { throw JournalPayloadError(reason: "varint too long") }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func varint<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(JournalPayloadError) -> T {
        let value = try varint64()
        guard let narrowed = T(exactly: value) else {
            throw JournalPayloadError(reason: "value \(value) does not fit \(T.self)")
        }
        return narrowed
    }

    mutating func zigzag() throws(JournalPayloadError) -> Int32 {
        let raw: UInt32 = try varint()
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func fixed64() throws(JournalPayloadError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(try byte()) << UInt64(shift) }
        return value
    }

    mutating func data(maximum: Int = .max) throws(JournalPayloadError) -> [UInt8] {
        let count: Int = try varint()
        guard count <= end - position else { throw JournalPayloadError(reason: "a length of \(count) past the end") }
        guard count <= maximum else { throw JournalPayloadError(reason: "a length of \(count) over \(maximum)") }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func text(maximum: Int = .max) throws(JournalPayloadError) -> String {
        let raw = try data(maximum: maximum)
        guard MessageFormat.text.accepts(raw) else { throw JournalPayloadError(reason: "a string that is not UTF-8") }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func decode(_ kind: JournalRecordKind) throws(JournalPayloadError) -> JournalRecord {
        switch kind {
        case .header: return .header(try header())
        case .snapshot: return .snapshot(JournalSnapshot(tick: try varint(), universe: try data(), sessions: try data()))
        case .join:
            let player: UInt32 = try varint()
            let flags = try byte()
            guard flags <= 3 else { throw JournalPayloadError(reason: "identity flags \(flags)") }
            let account: UInt32? = flags & 1 != 0 ? try varint() : nil
            let name: String? = flags & 2 != 0 ? try text() : nil
            return .join(player: player, identity: PlayerIdentity(account: account, name: name))
        case .leave: return .leave(player: try varint())
        case .spectatorAdded: return .spectatorAdded(spectator: try varint(), view: try view())
        case .spectatorViewChanged: return .spectatorViewChanged(spectator: try varint(), view: try view())
        case .spectatorRemoved: return .spectatorRemoved(spectator: try varint())
        case .input:
            let player: UInt32 = try varint()
            let input = PlayerInput(seq: try varint(), heading: try varint(), throttle: try byte(), actions: try byte(),
                                    payload: try data(maximum: GameSchema.maximumInputPayloadBytes))
            return .input(player: player, input: input)
        case .command:
            let player: UInt32 = try varint()
            let command = GameCommand(kind: CommandKind(code: try byte()),
                                      payload: try data(maximum: GameSchema.maximumCommandBytes))
            return .command(player: player, command: command)
        case .tick: return .tick(tick: try varint(), hash: try fixed64())
        case .end: return .end(tick: try varint())
        case .session: return .session(try data(maximum: JournalFormat.maximumRecordBytes))
        }
    }

    private mutating func view() throws(JournalPayloadError) -> SpectatorView {
        switch try byte() {
        case 0: return .wholeWorld
        case 1: return .rectangle(minX: try zigzag(), minY: try zigzag(), maxX: try zigzag(), maxY: try zigzag())
        case let tag: throw JournalPayloadError(reason: "spectator view tag \(tag)")
        }
    }

    private mutating func header() throws(JournalPayloadError) -> JournalHeader {
        let universe = try text()
        let schema = try self.schema()
        let config = UniverseConfig(width: try zigzag(), height: try zigzag(), tickRate: try varint(),
                                    viewRadius: try zigzag(), hysteresis: try zigzag(),
                                    cellSize: try byte() == 0 ? nil : try zigzag(), seed: try fixed64())
        do {
            try config.validate()
        } catch {
            throw JournalPayloadError(reason: "\(error)")
        }
        let rulesState = try data()
        let created: UInt64 = try varint()
        let syncMode: JournalSyncMode
        switch try byte() {
        case 0: syncMode = .everyTick
        case 1: syncMode = .interval(milliseconds: try varint())
        case 2: syncMode = .operatingSystem
        case let tag: throw JournalPayloadError(reason: "sync mode \(tag)")
        }
        return JournalHeader(universe: universe, schema: schema, config: config, rulesState: rulesState,
                             createdAtMilliseconds: created, syncMode: syncMode, segment: try varint(),
                             firstTick: try varint())
    }

    private mutating func schema() throws(JournalPayloadError) -> GameSchema {
        var schema = GameSchema(game: try text(maximum: GameSchema.maximumNameBytes))
        let kindCount = try count(atMost: GameSchema.maximumKinds)
        for _ in 0..<kindCount {
            let code = try byte()
            let name = try text(maximum: GameSchema.maximumNameBytes)
            let shapeByte = try byte()
            guard let shape = EntityShape(rawValue: shapeByte) else {
                throw JournalPayloadError(reason: "kind shape \(shapeByte)")
            }
            let color: UInt32 = try varint()
            let glyph = try text(maximum: 4)
            let label = try byte()
            schema.kinds.append(EntityKindStyle(code: code, name: name, shape: shape, color: color, glyph: glyph,
                                                label: label == 0 ? nil : EntityProperty(index: label - 1)))
        }
        schema.entityProperties = try properties()
        schema.playerProperties = try properties()
        schema.universeProperties = try properties()
        schema.messages = try specs()
        schema.commands = try specs()
        schema.inputPayloadMaxBytes = try varint()
        schema.commandMaxBytes = try varint()
        do {
            try schema.validate()
        } catch {
            throw JournalPayloadError(reason: "\(error)")
        }
        return schema
    }

    private mutating func properties() throws(JournalPayloadError) -> [PropertySpec] {
        var properties: [PropertySpec] = []
        for _ in 0..<(try count(atMost: GameSchema.maximumProperties)) {
            let name = try text(maximum: GameSchema.maximumNameBytes)
            let type = try byte()
            let maxLength: Int = try varint()
            switch type {
            case 0: properties.append(PropertySpec(name: name, type: .int))
            case 1: properties.append(PropertySpec(name: name, type: .string(maxLength: maxLength)))
            case 2: properties.append(PropertySpec(name: name, type: .bytes(maxLength: maxLength)))
            default: throw JournalPayloadError(reason: "property type \(type)")
            }
        }
        return properties
    }

    private mutating func specs() throws(JournalPayloadError) -> [MessageSpec] {
        var specs: [MessageSpec] = []
        for _ in 0..<(try count(atMost: GameSchema.maximumMessageKinds)) {
            let name = try text(maximum: GameSchema.maximumNameBytes)
            let formatByte = try byte()
            guard let format = MessageFormat(rawValue: formatByte) else {
                throw JournalPayloadError(reason: "message format \(formatByte)")
            }
            specs.append(MessageSpec(name: name, format: format))
        }
        return specs
    }

    private mutating func count(atMost limit: Int) throws(JournalPayloadError) -> Int {
        let value: Int = try varint()
        guard value <= limit else { throw JournalPayloadError(reason: "a count of \(value) over \(limit)") }
        return value
    }
}
