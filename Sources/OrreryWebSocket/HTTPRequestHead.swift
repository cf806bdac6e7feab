/// A parsed HTTP request head: request line split into method, path, query and version.
public struct HTTPRequestHead: Sendable, Equatable {
    /// Request method, e.g. `GET`.
    public let method: String
    /// The request target as sent (path and query).
    public let target: String
    /// The path part of the target, e.g. `/play`.
    public let path: String
    /// The query after `?` (without it), or nil when there is none.
    public let query: String?
    /// `HTTP/1.1` or `HTTP/1.0`.
    public let version: String
    /// Header fields.
    public let headers: HTTPHeaders

    /// Interprets a parsed head as a request (`METHOD /target HTTP/1.x`).
    public init(_ head: HTTPHeadParser.Head) throws(HandshakeError) {
        let parts = head.startLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].utf8.allSatisfy(HTTPHeadParser.isTokenByte) else {
            throw .malformed("request line")
        }
        guard parts[1].hasPrefix("/") else { throw .malformed("request target") }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { throw .malformed("HTTP version") }
        method = String(parts[0])
        target = String(parts[1])
        (path, query) = Self.splitTarget(target)
        version = String(parts[2])
        headers = head.headers
    }

    /// A request target split at its first `?` into path and query (nil without a `?`).
    static func splitTarget(_ target: String) -> (path: String, query: String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}
