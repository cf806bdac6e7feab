import OrreryWorld

/// Encodes record payloads (the bytes after the kind byte): unsigned integers as LEB128 varints (`v32`/`v64`),
/// signed ones zigzag-mapped first (`z32`), strings and byte arrays a `v32` length then the bytes, hashes and
/// seeds as 8 bytes little-endian.
struct JournalEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func varint(_ value: some FixedWidthInteger) {
        JournalEncoder.appendVarint(UInt64(truncatingIfNeeded: value), to: &bytes)
    }

    mutating func zigzag(_ value: Int32) {
        varint(UInt32(bitPattern: (value << 1) ^ (value >> 31)))
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func data(_ value: [UInt8]) {
        varint(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func text(_ value: String) {
        varint(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func encode(_ record: JournalRecord) {
        switch record {
        case .header(let header): encode(header)
        case .snapshot(let snapshot):
            varint(snapshot.tick)
            data(snapshot.universe)
            data(snapshot.sessions)
        case .join(let player, let identity):
            varint(player)
            byte((identity.account != nil ? 1 : 0) | (identity.name != nil ? 2 : 0))
            if let account = identity.account { varint(account) }
            if let name = identity.name { text(name) }
        case .leave(let player): varint(player)
        case .spectatorAdded(let spectator, let view), .spectatorViewChanged(let spectator, let view):
            varint(spectator)
            encode(view)
        case .spectatorRemoved(let spectator): varint(spectator)
        case .input(let player, let input):
            varint(player)
            varint(input.seq)
            varint(input.heading)
            byte(input.throttle)
            byte(input.actions)
            data(input.payload)
        case .command(let player, let command):
            varint(player)
            byte(command.kind.code)
            data(command.payload)
        case .tick(let tick, let hash):
            varint(tick)
            fixed64(hash)
        case .end(let tick): varint(tick)
        case .session(let bytes): data(bytes)
        }
    }

    mutating func encode(_ view: SpectatorView) {
        switch view {
        case .wholeWorld: byte(0)
        case .rectangle(let minX, let minY, let maxX, let maxY):
            byte(1)
            for value in [minX, minY, maxX, maxY] { zigzag(value) }
        }
    }

    mutating func encode(_ header: JournalHeader) {
        text(header.universe)
        encode(header.schema)
        let config = header.config
        zigzag(config.width)
        zigzag(config.height)
        varint(config.tickRate)
        zigzag(config.viewRadius)
        zigzag(config.hysteresis)
        byte(config.cellSize == nil ? 0 : 1)
        if let cellSize = config.cellSize { zigzag(cellSize) }
        fixed64(config.seed)
        data(header.rulesState)
        varint(header.createdAtMilliseconds)
        switch header.syncMode {
        case .everyTick: byte(0)
        case .interval(let milliseconds):
            byte(1)
            varint(milliseconds)
        case .operatingSystem: byte(2)
        }
        varint(header.segment)
        varint(header.firstTick)
    }

    mutating func encode(_ schema: GameSchema) {
        text(schema.game)
        varint(schema.kinds.count)
        for kind in schema.kinds {
            byte(kind.code)
            text(kind.name)
            byte(kind.shape.rawValue)
            varint(kind.color)
            text(kind.glyph)
            byte(kind.label.map { $0.index &+ 1 } ?? 0)
        }
        for properties in [schema.entityProperties, schema.playerProperties, schema.universeProperties] {
            varint(properties.count)
            for property in properties {
                text(property.name)
                switch property.type {
                case .int:
                    byte(0)
                    varint(0)
                case .string(let maxLength):
                    byte(1)
                    varint(maxLength)
                case .bytes(let maxLength):
                    byte(2)
                    varint(maxLength)
                }
            }
        }
        for specs in [schema.messages, schema.commands] {
            varint(specs.count)
            for spec in specs {
                text(spec.name)
                byte(spec.format.rawValue)
            }
        }
        varint(schema.inputPayloadMaxBytes)
        varint(schema.commandMaxBytes)
    }
}
