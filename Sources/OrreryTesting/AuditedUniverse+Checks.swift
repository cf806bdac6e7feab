import OrreryClient
import OrreryWire
import OrreryWorld

extension AuditedUniverse {
    /// Checks that a decoded frame tells nothing outside the observer's scope: entity properties only for an
    /// entity it held or that appeared in this frame, and that it sees after the tick; private state only to a
    /// player; counts what it decoded.
    mutating func checkScope(_ frame: EventFrame, observer: UInt32, replica: Replica) {
        let visible = Set(universe.visibleEntityIDs(of: observer) ?? [])
        let isSpectator = universe.isSpectator(observer) ?? true
        var appeared = Set<UInt32>()
        for event in frame.events {
            switch event {
            case .appeared(let record):
                appeared.insert(record.id)
                if !visible.contains(record.id) { fail("observer \(observer): appeared \(record.id) is not in view") }
            case .properties(let id, _):
                coverage.properties += 1
                if !visible.contains(id) || (replica.entity(id) == nil && !appeared.contains(id)) {
                    fail("tick \(frame.tick) observer \(observer): properties of \(id), not in view")
                }
            case .playerState:
                coverage.playerStates += 1
                if isSpectator { fail("tick \(frame.tick): spectator \(observer) got private state") }
            case .universeState:
                coverage.universeStates += 1
            case .message:
                coverage.messages += 1
            case .avatar, .changed, .destroyed, .disappeared:
                continue
            }
        }
    }

    /// The messages of this tick the observer must get, computed from the rules' messages and the audiences
    /// (not from the framer): to this player; about an entity it sees after the tick, or saw and that was
    /// destroyed in it; to everyone.
    func expectedMessages(for observer: UInt32, sawBefore: Set<UInt32>) -> [WireGameMessage] {
        let visible = Set(universe.visibleEntityIDs(of: observer) ?? [])
        let destroyed = Set(universe.destroyedLastTick.map(\.state.id))
        let isSpectator = universe.isSpectator(observer) ?? true
        return universe.messages.compactMap { message in
            let scope: WireMessageScope
            switch message.audience {
            case .player(let player):
                guard player == observer, !isSpectator else { return nil }
                scope = .player
            case .observers(let entity):
                guard visible.contains(entity) || (destroyed.contains(entity) && sawBefore.contains(entity)) else {
                    return nil
                }
                scope = .entity(entity)
            case .universe:
                scope = .universe
            }
            return WireGameMessage(scope: scope, code: message.kind.code, payload: message.payload)
        }
    }

    /// Checks one observer's replica against the truth: entities (motion by the motion rule, every property),
    /// avatar, acknowledged input, private state and universe state.
    mutating func audit(_ observer: UInt32) {
        guard let replica = observers[observer]?.replica else { return }
        let tick = universe.tick
        guard let visible = universe.visibleEntityIDs(of: observer) else {
            return fail("observer \(observer) unknown to the universe")
        }
        if replica.entities.count != visible.count {
            fail("tick \(tick) observer \(observer): replica holds \(replica.entities.count), sees \(visible.count)")
        }
        let elapsed = tick - replica.tick
        let entitySpecs = universe.schema.entityProperties.count
        for id in visible {
            coverage.comparisons += 1
            guard let truth = universe.entity(id), let record = replica.entity(id)?.advanced(byTicks: elapsed),
                  Self.matches(record, truth) else {
                fail("tick \(tick) observer \(observer): entity \(id) is \(String(describing: replica.entity(id))), "
                     + "truth \(String(describing: universe.entity(id)))")
                continue
            }
            for index in 0..<entitySpecs {
                let key = EntityProperty(index: UInt8(index))
                let expected = universe.property(key, of: id).map(Self.wire)
                if replica.property(UInt8(index), of: id) != expected {
                    fail("tick \(tick) observer \(observer): entity \(id) property \(index) is "
                         + "\(String(describing: replica.property(UInt8(index), of: id))), truth \(String(describing: expected))")
                }
            }
        }
        let isSpectator = universe.isSpectator(observer) ?? true
        let truthAvatar = isSpectator ? 0 : universe.avatar(of: observer) ?? 0
        if replica.avatarId != truthAvatar { fail("tick \(tick) observer \(observer): avatar \(replica.avatarId)") }
        let acked = isSpectator ? 0 : universe.lastAppliedInputSeq(of: observer) ?? 0
        if replica.lastInputSeq != acked { fail("tick \(tick) observer \(observer): acked \(replica.lastInputSeq)") }
        let privateTruth: [WireValue] = universe.schema.playerProperties.indices.map { index in
            let key = PlayerProperty(index: UInt8(index))
            let value = isSpectator ? nil : universe.playerState(key, of: observer)
            return value.map(Self.wire) ?? .defaultValue(of: schemaType(universe.schema.playerProperties[index].type))
        }
        if replica.playerState != privateTruth {
            fail("tick \(tick) observer \(observer): private state \(replica.playerState), truth \(privateTruth)")
        }
        let universeTruth = universe.schema.universeProperties.indices.compactMap {
            universe.universeState(UniverseProperty(index: UInt8($0))).map(Self.wire)
        }
        if replica.universeState != universeTruth {
            fail("tick \(tick) observer \(observer): universe state \(replica.universeState), truth \(universeTruth)")
        }
    }

    /// A world value as the wire carries it (written here, independent of the mapping under test).
    static func wire(_ value: PropertyValue) -> WireValue {
        switch value {
        case .int(let number): .int(number)
        case .string(let text): .string(text)
        case .bytes(let bytes): .bytes(bytes)
        }
    }

    private func schemaType(_ type: PropertyType) -> WirePropertyType {
        switch type {
        case .int: .int
        case .string: .string
        case .bytes: .bytes
        }
    }

    /// Whether a wire record's motion fields equal a world state's (properties are compared separately).
    static func matches(_ record: OrreryWire.EntityRecord, _ state: EntityState) -> Bool {
        record.id == state.id && record.kind == state.kind && record.x == state.x && record.y == state.y
            && record.vx == state.vx && record.vy == state.vy && record.heading == state.heading
            && record.radius == state.radius && record.owner == state.owner
    }
}
