import FuzzSupport
import OrreryWire

/// The properties both message harnesses check, for one direction's decoder and encoder, in every dialect.
///
/// Input: byte 0 picks how far into a larger buffer the message sits, byte 1 the dialect (0 version 1, 1 version 2
/// without a schema, 2 version 2 with the schema of the vector `v2-schema-test`, modulo 3), the rest is one
/// message. Properties:
/// - the outcome (message or error, with its offset) does not depend on where the bytes sit in memory;
/// - an accepted message encodes back, in the same dialect, to exactly the same bytes (the encoding is canonical),
///   which decode again to the same message, and its text form can be written.
public enum MessageRoundTrip {
    /// The dialect byte 1 of an input names.
    static func dialect(_ choice: Int) -> WireDialect {
        switch choice {
        case 0: .v1
        case 1: .v2
        default: WireDialect(schema: TestSchema.message)
        }
    }

    /// The properties of client→server messages (what the server reads from every player), through the decoder's
    /// public entry point, so message types added to the protocol are reached without changing the harness.
    public static func checkClientMessages(_ input: inout FuzzInput) {
        check(&input, decode: { (bytes, dialect) throws(WireDecodingError) in
                  try WireDecoder.decodeClientMessage(bytes, dialect: dialect)
              },
              encode: { (message: ClientMessage, dialect, buffer: inout [UInt8]) throws(WireEncodingError) in
                  try WireEncoder.encode(message, dialect: dialect, into: &buffer)
              })
    }

    /// The properties of server→client messages (what every client reads), through the public entry point.
    public static func checkServerMessages(_ input: inout FuzzInput) {
        check(&input, decode: { (bytes, dialect) throws(WireDecodingError) in
                  try WireDecoder.decodeServerMessage(bytes, dialect: dialect)
              },
              encode: { (message: ServerMessage, dialect, buffer: inout [UInt8]) throws(WireEncodingError) in
                  try WireEncoder.encode(message, dialect: dialect, into: &buffer)
              })
    }

    static func check<Message: Equatable & CustomStringConvertible>(
        _ input: inout FuzzInput,
        decode: (ArraySlice<UInt8>, WireDialect) throws(WireDecodingError) -> Message,
        encode: (Message, WireDialect, inout [UInt8]) throws(WireEncodingError) -> Void
    ) {
        let shift = input.below(16)
        let dialect = dialect(input.below(3))
        let bytes = Array(input.rest())
        let direct = Result { () throws(WireDecodingError) in try decode(bytes[...], dialect) }
        let padded = [UInt8](repeating: 0xA5, count: shift) + bytes + [0x5A, 0x00]
        let inside = Result { () throws(WireDecodingError) in
            try decode(padded[shift..<(shift + bytes.count)], dialect)
        }
        fuzzCheck(direct == inside, "outcome depends on the slice: \(direct) vs \(inside)")
        guard case .success(let message) = direct else { return }
        var encoded: [UInt8] = []
        do throws(WireEncodingError) {
            try encode(message, dialect, &encoded)
        } catch {
            return fuzzCheck(false, "a decoded message does not encode in version \(dialect.version): \(error)")
        }
        fuzzCheck(encoded == bytes, "not canonical in version \(dialect.version): \(message) encodes to \(encoded), read from \(bytes)")
        let again = Result { () throws(WireDecodingError) in try decode(encoded[...], dialect) }
        fuzzCheck(again == direct, "\(message) re-encoded decodes to \(again)")
        fuzzCheck(!message.description.isEmpty, "empty text form")
    }
}
