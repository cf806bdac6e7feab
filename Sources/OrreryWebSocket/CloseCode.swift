/// A close status code (RFC 6455 section 7.4).
public struct CloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code as sent on the wire.
    public let rawValue: UInt16

    /// Wraps any numeric code; see ``isValidInCloseFrame`` for which may appear on the wire.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 1000: the purpose of the connection was fulfilled.
    public static let normalClosure = CloseCode(rawValue: 1000)
    /// 1001: the endpoint is going away (server shutdown, page navigation).
    public static let goingAway = CloseCode(rawValue: 1001)
    /// 1002: protocol error.
    public static let protocolError = CloseCode(rawValue: 1002)
    /// 1003: a data type the endpoint cannot accept.
    public static let unsupportedData = CloseCode(rawValue: 1003)
    /// 1005: reserved, means "the close frame had no code"; never sent.
    public static let noStatusReceived = CloseCode(rawValue: 1005)
    /// 1006: reserved, means "closed without a close frame"; never sent.
    public static let abnormalClosure = CloseCode(rawValue: 1006)
    /// 1007: message data inconsistent with its type (invalid UTF-8 text).
    public static let invalidPayloadData = CloseCode(rawValue: 1007)
    /// 1008: a policy was violated.
    public static let policyViolation = CloseCode(rawValue: 1008)
    /// 1009: a message was too big to process.
    public static let messageTooBig = CloseCode(rawValue: 1009)
    /// 1010: the client expected an extension the server did not negotiate.
    public static let mandatoryExtension = CloseCode(rawValue: 1010)
    /// 1011: the server hit an unexpected condition.
    public static let internalError = CloseCode(rawValue: 1011)
    /// 1015: reserved, means "TLS handshake failed"; never sent.
    public static let tlsHandshakeFailure = CloseCode(rawValue: 1015)

    /// Whether a received close frame may carry this code: 1000-1003, 1007-1011 or 3000-4999.
    /// Anything else is a protocol error (1002).
    public var isValidInCloseFrame: Bool {
        switch rawValue {
        case 1000...1003, 1007...1011, 3000...4999: true
        default: false
        }
    }

    /// A short name: the RFC 6455 name, or the range a code belongs to.
    public var name: String {
        switch rawValue {
        case 1000: "normal closure"
        case 1001: "going away"
        case 1002: "protocol error"
        case 1003: "unsupported data"
        case 1005: "no status received"
        case 1006: "abnormal closure"
        case 1007: "invalid payload data"
        case 1008: "policy violation"
        case 1009: "message too big"
        case 1010: "mandatory extension"
        case 1011: "internal error"
        case 1015: "TLS handshake failure"
        case 3000...3999: "registered (library or framework)"
        case 4000...4999: "private use"
        default: "reserved or unassigned"
        }
    }

    public var description: String { "\(rawValue) (\(name))" }
}
