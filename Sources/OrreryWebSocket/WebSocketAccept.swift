import OrreryDigest

/// The `Sec-WebSocket-Accept` computation (RFC 6455 section 4.2.2).
public enum WebSocketAccept {
    /// The GUID appended to the client's key.
    public static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// Base64 of the SHA-1 of `key` (as sent, base64 text) followed by the GUID.
    public static func value(forKey key: String) -> String {
        Base64.encode(SHA1.hash(Array((key + guid).utf8)))
    }
}
