import OrreryNet
import OrreryRedis
import Testing
import TestSupport
@testable import OrreryCluster

/// Runs one store call on the fixture's loop and waits for its completion.
private func answer<T: Sendable>(_ redis: RedisFixture,
                                 _ body: @escaping @Sendable (ClusterStore, @escaping (T) -> Void) -> Void) async -> T {
    let store = ClusterStore(client: redis.client)
    return await withCheckedContinuation { continuation in
        redis.loop.execute { body(store) { continuation.resume(returning: $0) } }
    }
}

private func lease(_ redis: RedisFixture, _ request: UniverseLease.Request, node: String,
                   ttl: Duration = .seconds(5)) async -> UniverseLease.Reply {
    await answer(redis) { store, done in
        store.send(request, universe: "arena", node: node, policy: LeasePolicy(ttl: ttl), completion: done)
    }
}

/// A fenced write's refusal, or nil once it is written.
private func fencedSet(_ redis: RedisFixture, node: String, epoch: UInt64, value: String) async -> FencedWriteError? {
    await answer(redis) { store, done in
        store.fencedSet("arena:state", to: value, universe: "arena", node: node, epoch: epoch) { result in
            if case .failure(let error) = result { done(error) } else { done(nil) }
        }
    }
}

@Suite(.timeLimit(.minutes(1)), .enabled(if: RedisServer.isAvailable || RedisServer.isRequired, RedisServer.skipReason))
struct ClusterStoreTests {
    @Test func leasesAreExclusiveAndTakenOverWithAHigherEpochAfterExpiry() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        // Leases long enough that no machine is slow enough to see them expire before the expiry step below.
        #expect(await lease(redis, .acquire, node: "a", ttl: .seconds(60)) == .granted(epoch: 1))
        #expect(await lease(redis, .acquire, node: "b") == .heldBy(owner: "a", epoch: 1))
        #expect(await lease(redis, .renew(epoch: 1), node: "a", ttl: .seconds(60)) == .renewed)
        #expect(await lease(redis, .renew(epoch: 1), node: "b") == .refused)
        // a's last renewal is short and it stops renewing; once Redis expires its lease, b gets it under epoch 2.
        #expect(await lease(redis, .renew(epoch: 1), node: "a", ttl: .milliseconds(300)) == .renewed)
        var taken = UniverseLease.Reply.failed
        #expect(await eventually {
            taken = await lease(redis, .acquire, node: "b")
            return taken != .heldBy(owner: "a", epoch: 1)
        })
        #expect(taken == .granted(epoch: 2))
        #expect(await lease(redis, .renew(epoch: 1), node: "a") == .refused, "the stale owner cannot renew")
        #expect(await lease(redis, .release(epoch: 1), node: "a") == .refused, "nor release the new owner's lease")
        #expect(await lease(redis, .acquire, node: "a") == .heldBy(owner: "b", epoch: 2))
    }

    @Test func aStaleEpochsWritesAreRefused() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        #expect(await lease(redis, .acquire, node: "a") == .granted(epoch: 1))
        #expect(await fencedSet(redis, node: "a", epoch: 1, value: "from a") == nil)
        _ = try await redis.call("DEL", ClusterKeys().lease(of: "arena")).get()
        #expect(await lease(redis, .acquire, node: "b") == .granted(epoch: 2))
        #expect(await fencedSet(redis, node: "a", epoch: 1, value: "stale") == .stale(epoch: 1))
        #expect(await fencedSet(redis, node: "b", epoch: 1, value: "old epoch") == .stale(epoch: 1))
        #expect(await fencedSet(redis, node: "b", epoch: 2, value: "from b") == nil)
        #expect(try await redis.call("GET", "arena:state").get() == .bulk(Array("from b".utf8)))
    }

    @Test func releasedLeasesAreListedWithoutOwner() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        #expect(await lease(redis, .acquire, node: "a") == .granted(epoch: 1))
        let before: Result<[LeaseRecord], RedisClientError> = await answer(redis) { store, done in store.leases(completion: done) }
        #expect(try before.get() == [LeaseRecord(universe: "arena", owner: "a", epoch: 1)])
        #expect(await lease(redis, .release(epoch: 1), node: "a") == .released)
        let after: Result<[LeaseRecord], RedisClientError> = await answer(redis) { store, done in store.leases(completion: done) }
        #expect(try after.get() == [LeaseRecord(universe: "arena", owner: nil, epoch: 0)])
        #expect(await lease(redis, .acquire, node: "b") == .granted(epoch: 2), "epochs never go back")
    }

    @Test func nodesStayListedWhileTheirHeartbeatsLast() async throws {
        let redis = try RedisFixture()
        defer { redis.stop() }
        let beat: @Sendable (NodeRecord, Duration) async -> Result<Void, RedisClientError> = { node, ttl in
            await answer(redis) { store, done in store.heartbeat(node, ttl: ttl, completion: done) }
        }
        let list: @Sendable () async -> [NodeRecord] = {
            let result: Result<[NodeRecord], RedisClientError> = await answer(redis) { store, done in store.nodes(completion: done) }
            return (try? result.get()) ?? []
        }
        let steady = NodeRecord(name: "n2", address: "10.0.0.2:8080", load: 3, draining: true)
        let brief = NodeRecord(name: "n1", address: "10.0.0.1:8080", load: 1)
        try await beat(steady, .seconds(60)).get()
        try await beat(brief, .seconds(60)).get()
        #expect(await list() == [brief, steady])
        // brief's last heartbeat is short: it drops out of the list when that one expires.
        try await beat(brief, .milliseconds(200)).get()
        #expect(await eventually { await list() == [steady] })
        #expect(try await redis.call("SMEMBERS", ClusterKeys().nodes).get() == .array([.bulk(Array("n2".utf8))]),
                "an expired node is forgotten")
    }
}
