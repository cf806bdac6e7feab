import OrreryWire

/// How the spectator writes property values and game messages: integers in decimal, strings as they are,
/// bytes as hex (the first 8 and a count beyond).
enum ValueText {
    static func text(_ value: WireValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .string(let text): text
        case .bytes(let bytes): hex(bytes)
        }
    }

    /// A message's payload: its text for a text kind, hex for bytes.
    static func text(_ message: WireGameMessage, schema: SchemaMessage?) -> String {
        let spec = schema?.messages.dropFirst(Int(message.code)).first
        guard spec?.format == .text else { return hex(message.payload) }
        return String(decoding: message.payload, as: UTF8.self)
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = bytes.prefix(8).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return bytes.count > 8 ? digits + "…(\(bytes.count) bytes)" : digits
    }
}
