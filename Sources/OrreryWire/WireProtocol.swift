/// Constants of the Orrery wire protocol (see Protocol/README.md).
public enum WireProtocol {
    /// The protocol version this codec speaks, sent in join, resume and welcome.
    public static let version: UInt8 = 1
    /// The WebSocket subprotocol name negotiated in `Sec-WebSocket-Protocol`.
    public static let subprotocol = "orrery.v1"
    /// Largest client→server message in bytes; larger ones are protocol errors.
    public static let maxClientMessageBytes = 64
    /// Longest display name in UTF-8 bytes.
    public static let maxDisplayNameBytes = 32
    /// Longest error message text in UTF-8 bytes.
    public static let maxErrorMessageBytes = 1024
    /// Most events one event frame can carry (the count is a u16).
    public static let maxEventsPerFrame = Int(UInt16.max)
    /// Most entity records one reset frame can carry.
    public static let maxResetEntities = 1 << 20
    /// Tick rates a welcome may announce, in Hz.
    public static let tickRateRange: ClosedRange<UInt32> = 1...1000
    /// Length of a resume token in bytes.
    public static let resumeTokenBytes = 16
}
