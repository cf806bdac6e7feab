/// Why a host refused a client message; the `kind` label of `orrery_protocol_errors_total`.
public enum ProtocolErrorKind: String, Sendable, CaseIterable {
    /// The message did not decode (error + close 4000).
    case malformed = "malformed"
    /// A valid message not allowed in the connection's state, e.g. input before join (error + close 4000).
    case unexpected = "unexpected"
    /// A text WebSocket message (close 1003).
    case textMessage = "text_message"
    /// A join or resume with a protocol version the server does not speak (error + close 4001).
    case unsupportedVersion = "unsupported_version"
    /// Sustained input flooding past the rate limit (error + close 1008).
    case inputFlood = "input_flood"
    /// No join or resume within the hello timeout (error + close 4009).
    case helloTimeout = "hello_timeout"
}
