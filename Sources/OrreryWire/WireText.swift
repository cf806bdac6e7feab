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
            + " heading=\(entity.heading) radius=\(entity.radius) owner=\(entity.owner)"
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
        }
    }
}
