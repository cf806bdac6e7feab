import FuzzSupport
import OrreryWire

/// The properties both message harnesses check, for one direction's decoder and encoder.
///
/// Input: byte 0 picks how far into a larger buffer the message sits, the rest is one message. Properties:
/// - the outcome (message or error, with its offset) does not depend on where the bytes sit in memory;
/// - an accepted message encodes back to exactly the same bytes (the encoding is canonical), and its text form
///   can be written.
public enum MessageRoundTrip {
    /// The properties of client→server messages (what the server reads from every player), through the decoder's
    /// public entry point, so message types added to the protocol are reached without changing the harness.
    public static func checkClientMessages(_ input: inout FuzzInput) {
        check(&input, decode: { (bytes) throws(WireDecodingError) in try WireDecoder.decodeClientMessage(bytes) },
              encode: { (message: ClientMessage, buffer: inout [UInt8]) throws(WireEncodingError) in
                  try WireEncoder.encode(message, into: &buffer)
              })
    }

    /// The properties of server→client messages (what every client reads), through the public entry point.
    public static func checkServerMessages(_ input: inout FuzzInput) {
        check(&input, decode: { (bytes) throws(WireDecodingError) in try WireDecoder.decodeServerMessage(bytes) },
              encode: { (message: ServerMessage, buffer: inout [UInt8]) throws(WireEncodingError) in
                  try WireEncoder.encode(message, into: &buffer)
              })
    }

    static func check<Message: Equatable & CustomStringConvertible>(
        _ input: inout FuzzInput,
        decode: (ArraySlice<UInt8>) throws(WireDecodingError) -> Message,
        encode: (Message, inout [UInt8]) throws(WireEncodingError) -> Void
    ) {
        let shift = input.below(16)
        let bytes = Array(input.rest())
        let direct = Result { () throws(WireDecodingError) in try decode(bytes[...]) }
        let padded = [UInt8](repeating: 0xA5, count: shift) + bytes + [0x5A, 0x00]
        let inside = Result { () throws(WireDecodingError) in try decode(padded[shift..<(shift + bytes.count)]) }
        fuzzCheck(direct == inside, "outcome depends on the slice: \(direct) vs \(inside)")
        guard case .success(let message) = direct else { return }
        var encoded: [UInt8] = []
        do throws(WireEncodingError) {
            try encode(message, &encoded)
        } catch {
            return fuzzCheck(false, "a decoded message does not encode: \(error)")
        }
        fuzzCheck(encoded == bytes, "not canonical: \(message) encodes to \(encoded), read from \(bytes)")
        fuzzCheck(!message.description.isEmpty, "empty text form")
    }
}
