/// The canonical one-line text form of messages (Protocol/README.md, "Canonical text form"),
/// used by the golden vectors and handy in logs.
enum WireText {
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return text
    }

    /// Double-quoted; `\` and `"` are backslash-escaped, control characters written as `\xHH`.
    static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                text += "\\x" + hex([UInt8(scalar.value)])
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    static func record(_ label: String, _ entity: EntityRecord) -> String {
        "\(label) id=\(entity.id) kind=\(entity.kind) x=\(entity.x) y=\(entity.y) vx=\(entity.vx) vy=\(entity.vy)"
            + " heading=\(entity.heading) radius=\(entity.radius) owner=\(entity.owner)" + values(entity.properties)
    }

    /// ` p<index>=<value>` per pair: ints in decimal, strings quoted, bytes as `0x` and hex digits.
    static func values(_ list: [WireProperty]) -> String {
        var text = ""
        for property in list {
            text += " p\(property.index)="
            switch property.value {
            case .int(let number): text += "\(number)"
            case .string(let string): text += quoted(string)
            case .bytes(let bytes): text += "0x" + hex(bytes)
            }
        }
        return text
    }

    static func schema(_ schema: SchemaMessage) -> String {
        var text = "schema game=" + quoted(schema.game) + " kinds=\(schema.kinds.count)"
            + " entityProperties=\(schema.entityProperties.count) playerProperties=\(schema.playerProperties.count)"
            + " universeProperties=\(schema.universeProperties.count) messages=\(schema.messages.count)"
            + " commands=\(schema.commands.count) inputPayloadMaxBytes=\(schema.inputPayloadMaxBytes)"
            + " commandMaxBytes=\(schema.commandMaxBytes)"
        for kind in schema.kinds {
            text += " | kind code=\(kind.code) name=" + quoted(kind.name) + " shape=" + kind.shape.name
                + " color=#" + hex([UInt8(kind.color >> 16 & 0xFF), UInt8(kind.color >> 8 & 0xFF),
                                   UInt8(kind.color & 0xFF)])
                + " glyph=" + quoted(kind.glyph) + " label=\(kind.label)"
        }
        let scopes: [(String, [WirePropertySpec])] = [("entity-property", schema.entityProperties),
                                                      ("player-property", schema.playerProperties),
                                                      ("universe-property", schema.universeProperties)]
        for (label, specs) in scopes {
            for spec in specs {
                text += " | \(label) name=" + quoted(spec.name) + " type=" + spec.type.name
                    + " maxLength=\(spec.maxLength)"
            }
        }
        for (label, kinds) in [("message", schema.messages), ("command", schema.commands)] {
            for kind in kinds {
                text += " | \(label) name=" + quoted(kind.name) + " format=" + kind.format.name
            }
        }
        return text
    }

    static func scope(_ scope: WireMessageScope) -> String {
        switch scope {
        case .player: "player"
        case .entity(let id): "entity entity=\(id)"
        case .universe: "universe"
        }
    }

    static func event(_ event: WireEvent) -> String {
        switch event {
        case .appeared(let entity): record("appeared", entity)
        case .changed(let motion):
            "changed id=\(motion.id) x=\(motion.x) y=\(motion.y) vx=\(motion.vx) vy=\(motion.vy)"
                + " heading=\(motion.heading)"
        case .disappeared(let id): "disappeared id=\(id)"
        case .destroyed(let id, let reason): "destroyed id=\(id) reason=\(reason.name)"
        case .avatar(let id): "avatar id=\(id)"
        case .properties(let id, let list): "properties id=\(id)" + values(list)
        case .playerState(let list): "player-state" + values(list)
        case .universeState(let list): "universe-state" + values(list)
        case .message(let message):
            "message scope=\(scope(message.scope)) code=\(message.code) payload=" + hex(message.payload)
        }
    }
}
