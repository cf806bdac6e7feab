/// Constants of the Orrery wire protocol (see Protocol/README.md).
public enum WireProtocol {
    /// The newest protocol version this codec speaks, sent in join, resume and welcome.
    public static let version: UInt8 = 2
    /// Every version this codec speaks: 1 (positions only) and 2 (schema, properties, messages, commands).
    public static let supportedVersions: ClosedRange<UInt8> = 1...2
    /// The WebSocket subprotocol name negotiated in `Sec-WebSocket-Protocol` (the same for both versions: the
    /// framing did not change).
    public static let subprotocol = "orrery.v1"
    /// Largest client→server message in bytes a server accepts by default: a version-2 join, input or command
    /// with the largest payloads the schema limits allow fits.
    public static let maxClientMessageBytes = 256
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
    /// Longest game name, kind name, property name, message or command name in a schema, in UTF-8 bytes.
    public static let maxSchemaNameBytes = 32
    /// Most entity kinds, and most message or command kinds, a schema declares.
    public static let maxSchemaKinds = 64
    /// Most properties of one scope a schema declares.
    public static let maxSchemaProperties = 32
    /// Longest string or bytes property a schema may declare.
    public static let maxPropertyLength: UInt32 = 255
    /// Longest glyph in UTF-8 bytes (one character).
    public static let maxGlyphBytes = 4
    /// Largest `inputPayloadMaxBytes` a schema may declare.
    public static let maxInputPayloadBytes: UInt8 = 64
    /// Largest `commandMaxBytes` a schema may declare.
    public static let maxCommandBytes: UInt8 = 200
    /// Longest game message payload in bytes.
    public static let maxMessagePayloadBytes = 1024
}
