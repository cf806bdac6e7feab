import OrreryWebSocket

/// Where a game client connects: a server (`ws://host:port`) and a universe, i.e. the WebSocket URL
/// `ws://host:port/universes/NAME`, optionally with a ticket as the `ticket=` query parameter.
public struct GameAddress: Hashable, Sendable, CustomStringConvertible {
    /// The server's host (as in the URL) and port.
    public let host: String
    public let port: Int
    /// The universe's name: 1-32 characters of `a-z`, `0-9`, `_` and `-`.
    public let universe: String

    /// The address of `universe` on the server `host:port`.
    public init(host: String, port: Int, universe: String) throws(GameAddressError) {
        guard Self.isValidUniverse(universe) else { throw .invalidUniverse(universe) }
        self.host = host
        self.port = port
        self.universe = universe
    }

    /// Parses `ws://host:port/universes/NAME` (a query, e.g. `?ticket=...`, is ignored: pass tickets separately).
    public init(parsing text: String) throws(GameAddressError) {
        let url = try Self.parseURL(text)
        let parts = url.path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, parts[1] == "universes" else { throw .notAUniverse(text) }
        try self.init(host: url.host, port: url.port, universe: String(parts[2]))
    }

    /// The server's base URL, `ws://host:port`, parsed: the universe comes from elsewhere. A path, if any, must
    /// be `/` or name a universe (which is then returned as the second value).
    public static func server(parsing text: String) throws(GameAddressError) -> (host: String, port: Int, universe: String?) {
        let url = try Self.parseURL(text)
        if url.path == "/" { return (url.host, url.port, nil) }
        let address = try GameAddress(parsing: text)
        return (address.host, address.port, address.universe)
    }

    /// `text` as a WebSocket URL, any parse error reported as `.invalidURL(text)`.
    private static func parseURL(_ text: String) throws(GameAddressError) -> WebSocketURL {
        do {
            return try WebSocketURL(parsing: text)
        } catch {
            throw .invalidURL(text)
        }
    }

    /// The WebSocket URL to open, with `ticket` (URL-safe text) as the query when given.
    public func url(ticket: String? = nil) -> WebSocketURL {
        WebSocketURL(host: host, port: port, path: "/universes/\(universe)", query: ticket.map { "ticket=\($0)" })
    }

    public var description: String { "ws://\(url().hostField)/universes/\(universe)" }

    /// Whether `name` is a valid universe name.
    public static func isValidUniverse(_ name: String) -> Bool {
        (1...32).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
