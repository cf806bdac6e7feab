import OrreryDigest

/// A Lua script run atomically by Redis. `RedisClient.run` sends `EVALSHA` with the script's SHA-1 and falls
/// back to `EVAL` with the source once when the server answers `NOSCRIPT` (a fresh or restarted Redis), after
/// which the server has cached it and later calls send only the hash.
public struct RedisScript: Equatable, Sendable {
    /// The Lua source.
    public let source: String
    /// The lowercase hex SHA-1 of the source, the name Redis caches the script under.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        sha1 = SHA1.hash(Array(source.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    func command(byHash: Bool, keys: [String], arguments: [String]) -> RedisCommand {
        RedisCommand([byHash ? "EVALSHA" : "EVAL", byHash ? sha1 : source, String(keys.count)] + keys + arguments)
    }
}
