import Foundation
import OrreryNet
import Testing
import TestSupport
@testable import OrreryRedis

@Suite(.timeLimit(.minutes(1)), .enabled(if: RedisServer.isAvailable || RedisServer.isRequired, RedisServer.skipReason))
struct RedisClientTests {
    @Test func setThenGetRoundTripsBinaryValues() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        let value: [UInt8] = [0, 13, 10, 255, 42]
        #expect(try await redis.send(RedisCommand(bytes: [Array("SET".utf8), Array("k".utf8), value])).get() == .simple("OK"))
        #expect(try await redis.call("GET", "k").get() == .bulk(value))
        #expect(try await redis.call("GET", "missing").get() == .null)
    }

    @Test func pipelinedCommandsAreAnsweredInOrder() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        let client = redis.client
        let replies: [Int64] = await withCheckedContinuation { continuation in
            redis.loop.execute {
                var collected: [Int64] = []
                for _ in 0..<500 {
                    client.send(RedisCommand("INCR", "counter")) { result in
                        collected.append((try? result.get().integer) ?? -1)
                        if collected.count == 500 { continuation.resume(returning: collected) }
                    }
                }
            }
        }
        #expect(replies == Array(1...500))
    }

    @Test func errorRepliesAreTypedServerErrors() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        _ = try await redis.call("SET", "text", "x").get()
        guard case .failure(.server(let message)) = await redis.call("INCR", "text") else {
            Issue.record("INCR on a string should be an error reply")
            return
        }
        #expect(message.hasPrefix("ERR value is not an integer"))
        #expect(try await redis.counters().serverErrors == 1)
    }

    @Test func resp3RepliesKeepTheirTypes() async throws {
        let redis = try RedisFixture(configuration: RedisClientConfiguration(protocolVersion: .resp3))
        defer { redis.stop() }
        _ = try await redis.call("HSET", "h", "a", "1").get()
        #expect(try await redis.call("HGETALL", "h").get() == .map([RedisPair(key: .bulk(Array("a".utf8)), value: .bulk(Array("1".utf8)))]))
        _ = try await redis.call("SADD", "s", "x").get()
        #expect(try await redis.call("SMEMBERS", "s").get() == .set([.bulk(Array("x".utf8))]))
        #expect(try await redis.call("EVAL", "return redis.setresp(3) or {double=1.5}", "0").get() == .double(1.5))
    }

    @Test func scriptsLoadOnceThenRunByHash() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        #expect(try await redis.run(script, keys: ["n"], arguments: ["5"]).get() == .integer(5))
        #expect(try await redis.counters().commands == 2)
        #expect(try await redis.run(script, keys: ["n"], arguments: ["2"]).get() == .integer(7))
        #expect(try await redis.counters().commands == 3)
        #expect(try await redis.call("SCRIPT", "EXISTS", script.sha1).get() == .array([.integer(1)]))
    }

    @Test func aCommandWithoutReplyTimesOutAndTheClientReconnects() async throws {
        let redis = try RedisFixture(configuration: RedisClientConfiguration(commandTimeout: .milliseconds(300)))
        defer { redis.stop() }
        #expect(try await redis.call("PING").get() == .simple("PONG"))
        #expect(await redis.call("BLPOP", "never", "0") == .failure(.timedOut))
        #expect(try await redis.call("PING").get() == .simple("PONG"))
        let counters = try await redis.counters()
        #expect(counters.timeouts == 1)
        #expect(counters.connections == 2)
    }

    @Test func commandsWaitForARestartedServer() async throws {
        let first = try RedisServer()
        let redis = try RedisFixture(server: first)
        defer { redis.stop() }
        #expect(try await redis.call("SET", "k", "1").get() == .simple("OK"))
        first.stop()
        #expect(await eventually { (try? await redis.counters().connectionFailures) ?? 0 > 0 })
        let second = try RedisServer(port: first.port)
        defer { second.stop() }
        #expect(try await redis.call("GET", "k").get() == .null, "a fresh server has no keys: the reply came from it")
        #expect(try await redis.counters().connections == 2)
    }

    @Test func aServerThatIsDownFailsCommandsByTheirTimeout() async throws {
        let server = try RedisServer()
        server.stop()
        let redis = try RedisFixture(configuration: RedisClientConfiguration(commandTimeout: .milliseconds(200)),
                                     server: server)
        defer { redis.stop() }
        #expect(await redis.call("PING") == .failure(.timedOut))
        #expect(try await redis.counters().connectionFailures > 0)
    }
}
