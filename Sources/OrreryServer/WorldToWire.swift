import OrreryWire
import OrreryWorld

/// World → wire: the one place world types become wire types. Both sides share GAME_MODEL.md's units, so every
/// mapping is a field-by-field copy.
public enum WorldToWire {
    /// The wire event for a world view event; nil for the game-state events version 1 cannot carry.
    @inline(__always)
    public static func event(_ event: ViewEvent) -> WireEvent? {
        switch event {
        case .avatar(let id): .avatar(id: id)
        case .destroyed(let id, let reason): .destroyed(id: id, reason: Self.reason(reason))
        case .disappeared(let id): .disappeared(id: id)
        case .appeared(let state): .appeared(record(state))
        case .changed(let motion): .changed(Self.motion(motion))
        case .properties, .playerState, .universeState, .message: nil
        }
    }

    /// The wire entity record (appeared event, reset record) for an entity's full state.
    @inline(__always)
    public static func record(_ state: EntityState) -> OrreryWire.EntityRecord {
        OrreryWire.EntityRecord(id: state.id, kind: state.kind, x: state.x, y: state.y, vx: state.vx, vy: state.vy,
                                heading: state.heading, radius: state.radius, owner: state.owner)
    }

    /// The wire motion (changed event) for an entity's motion state.
    @inline(__always)
    public static func motion(_ motion: MotionState) -> EntityMotion {
        EntityMotion(id: motion.id, x: motion.x, y: motion.y, vx: motion.vx, vy: motion.vy, heading: motion.heading)
    }

    /// The wire value of a property value (a copy of the same case; strings and bytes are shared, not copied).
    @inline(__always)
    public static func value(_ value: PropertyValue) -> WireValue {
        switch value {
        case .int(let number): .int(number)
        case .string(let text): .string(text)
        case .bytes(let bytes): .bytes(bytes)
        }
    }

    /// The non-default values of a dense list (position = index), as a record's or reset's property list.
    public static func nonDefault(_ values: [PropertyValue]) -> [WireProperty] {
        values.enumerated().compactMap { index, value in
            value.isDefault ? nil : WireProperty(index: UInt8(truncatingIfNeeded: index), value: Self.value(value))
        }
    }

    /// The message event payload of a game message.
    public static func message(_ message: GameMessage) -> WireGameMessage {
        let scope: WireMessageScope
        switch message.audience {
        case .player: scope = .player
        case .observers(let entity): scope = .entity(entity)
        case .universe: scope = .universe
        }
        return WireGameMessage(scope: scope, code: message.kind.code, payload: message.payload)
    }

    /// The schema message of a game's (validated) schema.
    public static func schema(_ schema: GameSchema) -> SchemaMessage {
        SchemaMessage(
            game: schema.game,
            kinds: schema.kinds.map { kind in
                WireKindStyle(code: kind.code, name: kind.name, shape: WireShape(rawValue: kind.shape.rawValue) ?? .circle,
                              color: kind.color, glyph: kind.glyph, label: kind.label.map { $0.index + 1 } ?? 0)
            },
            entityProperties: schema.entityProperties.map(property),
            playerProperties: schema.playerProperties.map(property),
            universeProperties: schema.universeProperties.map(property),
            messages: schema.messages.map(messageSpec), commands: schema.commands.map(messageSpec),
            inputPayloadMaxBytes: UInt8(clamping: schema.inputPayloadMaxBytes),
            commandMaxBytes: UInt8(clamping: schema.commandMaxBytes))
    }

    private static func property(_ spec: PropertySpec) -> WirePropertySpec {
        switch spec.type {
        case .int: WirePropertySpec(name: spec.name, type: .int)
        case .string(let maxLength): WirePropertySpec(name: spec.name, type: .string, maxLength: UInt32(clamping: maxLength))
        case .bytes(let maxLength): WirePropertySpec(name: spec.name, type: .bytes, maxLength: UInt32(clamping: maxLength))
        }
    }

    private static func messageSpec(_ spec: MessageSpec) -> WireMessageSpec {
        WireMessageSpec(name: spec.name, format: spec.format == .text ? .text : .bytes)
    }

    /// The wire destroy reason (the byte values are the same on both sides).
    @inline(__always)
    public static func reason(_ reason: OrreryWorld.DestroyReason) -> OrreryWire.DestroyReason {
        switch reason {
        case .expired: .expired
        case .collision: .collision
        case .shot: .shot
        case .ownerLeft: .ownerLeft
        }
    }
}
