import OrreryNet
import OrreryRedis
import Testing

/// One redis-server, one loop and one client on it; everything is torn down by `stop()`.
public final class RedisFixture: @unchecked Sendable {
    public let server: RedisServer
    public let group: EventLoopGroup
    public let client: RedisClient
    public var loop: EventLoop { group.loops[0] }

    public init(configuration: RedisClientConfiguration = RedisClientConfiguration(), server: RedisServer? = nil) throws {
        try #require(RedisServer.isAvailable, "CI or ORRERY_PEERS=1 but redis-server is missing: run scripts/setup-test-tools")
        self.server = try server ?? RedisServer()
        var configuration = configuration
        configuration.port = self.server.port
        group = try EventLoopGroup(loopCount: 1, name: "redis-test")
        client = RedisClient(loop: group.loops[0], configuration: configuration)
        let client = client
        group.loops[0].execute { client.start() }
    }

    /// Sends one command and waits for its outcome.
    public func call(_ arguments: String...) async -> Result<RedisValue, RedisClientError> {
        await send(RedisCommand(arguments))
    }

    public func send(_ command: RedisCommand) async -> Result<RedisValue, RedisClientError> {
        let client = client
        return await withCheckedContinuation { continuation in
            loop.execute { client.send(command) { continuation.resume(returning: $0) } }
        }
    }

    public func run(_ script: RedisScript, keys: [String], arguments: [String]) async -> Result<RedisValue, RedisClientError> {
        let client = client
        return await withCheckedContinuation { continuation in
            loop.execute { client.run(script, keys: keys, arguments: arguments) { continuation.resume(returning: $0) } }
        }
    }

    public func counters() async throws -> RedisClient.Counters {
        let client = client
        return try await loop.submit { client.counters }
    }

    public func stop() {
        let client = client
        _ = loop.execute { client.close() }
        group.shutdown()
        server.stop()
    }
}
