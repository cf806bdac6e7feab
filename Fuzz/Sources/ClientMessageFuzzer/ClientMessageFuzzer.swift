import FuzzSupport
import MessageFuzzing

/// Fuzzes the decoder of client→server messages (what the server reads from every player): see `MessageRoundTrip`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    MessageRoundTrip.checkClientMessages(&input)
    return 0
}
