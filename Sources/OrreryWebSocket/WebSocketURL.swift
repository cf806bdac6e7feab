/// A `ws://host[:port][/path][?query]` URL (plain WebSocket; no TLS).
public struct WebSocketURL: Sendable, Equatable {
    /// Host name or address; IPv6 literals keep their brackets.
    public let host: String
    /// TCP port (80 when not given).
    public let port: Int
    /// Path, `/` when not given.
    public let path: String
    /// Query without `?`, if any.
    public let query: String?

    /// A URL from its parts.
    public init(host: String, port: Int = 80, path: String = "/", query: String? = nil) {
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }

    /// Parses `ws://host[:port][/path][?query]`.
    public init(parsing text: String) throws(HandshakeError) {
        guard text.hasPrefix("ws://") else { throw .invalidURL(text) }
        let rest = text.dropFirst(5)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.hasPrefix("?") { target = "/" + target }
        if target.isEmpty { target = "/" }
        var hostPart = authority
        var portNumber = 80
        let portSeparator = authority.hasPrefix("[")
            ? authority.firstIndex(of: "]").flatMap { authority[$0...].firstIndex(of: ":") }
            : authority.firstIndex(of: ":")
        if let portSeparator {
            guard let port = Int(authority[authority.index(after: portSeparator)...]), (1...65535).contains(port) else {
                throw .invalidURL(text)
            }
            portNumber = port
            hostPart = authority[..<portSeparator]
        }
        guard !hostPart.isEmpty, !hostPart.contains("@"), !target.contains("#"), !text.contains(" ") else {
            throw .invalidURL(text)
        }
        host = String(hostPart)
        port = portNumber
        (path, query) = HTTPRequestHead.splitTarget(target)
    }

    /// Path plus `?query`, as sent in the request line.
    public var requestTarget: String { query.map { "\(path)?\($0)" } ?? path }

    /// The `Host` field value: the host, with the port unless it is 80.
    public var hostField: String { port == 80 ? host : "\(host):\(port)" }
}
