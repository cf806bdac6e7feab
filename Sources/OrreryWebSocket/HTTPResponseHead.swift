/// A parsed HTTP response head (client side of the handshake).
public struct HTTPResponseHead: Sendable, Equatable {
    /// Status code, e.g. 101.
    public let statusCode: Int
    /// Reason phrase (may be empty).
    public let reason: String
    /// Header fields.
    public let headers: HTTPHeaders

    /// Interprets a parsed head as a response (`HTTP/1.1 CODE reason`).
    public init(_ head: HTTPHeadParser.Head) throws(HandshakeError) {
        let parts = head.startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0",
              parts[1].count == 3, let code = Int(parts[1]) else {
            throw .malformed("status line")
        }
        statusCode = code
        reason = parts.count == 3 ? String(parts[2]) : ""
        headers = head.headers
    }
}
