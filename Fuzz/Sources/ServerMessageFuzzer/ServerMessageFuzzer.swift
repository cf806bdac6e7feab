import FuzzSupport
import MessageFuzzing

/// Fuzzes the decoder of server→client messages (what every client reads): see `MessageRoundTrip`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    MessageRoundTrip.checkServerMessages(&input)
    return 0
}
