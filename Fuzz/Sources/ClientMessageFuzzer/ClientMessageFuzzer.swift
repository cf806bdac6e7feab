import FuzzSupport
import MessageFuzzing
import OrreryWire

/// Fuzzes the decoder of client→server messages (what the server reads from every player) through its public
/// entry point, so message types added to the protocol are reached without changing this harness.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    MessageRoundTrip.check(&input, decode: { (bytes) throws(WireDecodingError) in
        try WireDecoder.decodeClientMessage(bytes)
    }, encode: { (message: ClientMessage, buffer: inout [UInt8]) throws(WireEncodingError) in
        try WireEncoder.encode(message, into: &buffer)
    })
    return 0
}
