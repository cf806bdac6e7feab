import Testing
@testable import OrreryCluster

/// Two nodes competing for one universe against an in-memory Redis that follows the scripts' rules, on a manual
/// clock (milliseconds turned into the machines' nanoseconds).
private struct FakeRedis {
    var owner: String?
    var epoch: UInt64 = 0
    var expiresAt: UInt64 = 0
    let ttl: UInt64

    mutating func handle(_ request: UniverseLease.Request, from node: String, now: UInt64) -> UniverseLease.Reply {
        if now >= expiresAt { owner = nil }
        switch request {
        case .acquire:
            if let owner, owner != node { return .heldBy(owner: owner, epoch: epoch) }
            epoch += 1
            owner = node
            expiresAt = now + ttl
            return .granted(epoch: epoch)
        case .renew(let held):
            guard owner == node, held == epoch else { return .refused }
            expiresAt = now + ttl
            return .renewed
        case .release(let held):
            guard owner == node, held == epoch else { return .refused }
            owner = nil
            return .released
        }
    }
}

private let ms: UInt64 = 1_000_000
private let policy = LeasePolicy(ttl: .milliseconds(1000))

@Suite struct UniverseLeaseTests {
    @Test func defaultsFollowTheTtl() {
        #expect(policy.renewInterval == .seconds(1) / 3)
        #expect(policy.safetyMargin == .milliseconds(100))
        #expect(policy.retryInterval == .milliseconds(250))
        #expect(policy.ttlMilliseconds == 1000)
    }

    @Test func acquiredLeaseIsValidUntilSendTimePlusTtlMinusMargin() {
        var lease = UniverseLease(universe: "arena", policy: policy)
        #expect(lease.poll(now: 10 * ms) == .acquire)
        #expect(lease.poll(now: 11 * ms) == nil, "one request in flight at a time")
        lease.receive(.granted(epoch: 7), now: 50 * ms)
        #expect(lease.state == .held(epoch: 7, validUntil: 910 * ms, renewAt: 343_333_333))
        #expect(lease.epoch(now: 909 * ms) == 7)
        #expect(!lease.mayTick(now: 910 * ms))
    }

    @Test func renewalsKeepTheLeaseAliveIndefinitely() {
        var redis = FakeRedis(ttl: 1000 * ms)
        var lease = UniverseLease(universe: "arena", policy: policy)
        var now: UInt64 = 0
        for _ in 0..<100 {
            if let request = lease.poll(now: now) {
                lease.receive(redis.handle(request, from: "a", now: now), now: now + 5 * ms)
            }
            #expect(lease.mayTick(now: now))
            now += 50 * ms
        }
        #expect(lease.epoch(now: now) == 1)
        #expect(lease.losses == 0)
    }

    @Test func anUnansweredRenewalStopsTickingBeforeRedisCouldHandTheLeaseOver() {
        var redis = FakeRedis(ttl: 1000 * ms)
        var lease = UniverseLease(universe: "arena", policy: policy)
        _ = lease.poll(now: 0)
        lease.receive(redis.handle(.acquire, from: "a", now: 0), now: 1 * ms)
        #expect(lease.poll(now: 400 * ms) == .renew(epoch: 1))
        // Redis (or the link) is gone: the renewal never gets an answer.
        #expect(lease.mayTick(now: 899 * ms))
        #expect(lease.poll(now: 900 * ms) == nil)
        #expect(!lease.mayTick(now: 900 * ms))
        #expect(lease.losses == 1)
        #expect(redis.owner == "a" && redis.expiresAt == 1000 * ms, "we stopped 100 ms before anyone else could start")
        lease.receive(.renewed, now: 950 * ms)
        #expect(!lease.mayTick(now: 950 * ms), "a late answer does not revive an expired lease")
    }

    @Test func aFailedRenewalIsRetriedWhileTheLeaseLasts() {
        var lease = UniverseLease(universe: "arena", policy: policy)
        _ = lease.poll(now: 0)
        lease.receive(.granted(epoch: 1), now: 0)
        #expect(lease.poll(now: 334 * ms) == .renew(epoch: 1))
        lease.receive(.failed, now: 400 * ms)
        #expect(lease.mayTick(now: 400 * ms))
        #expect(lease.poll(now: 649 * ms) == nil)
        #expect(lease.poll(now: 650 * ms) == .renew(epoch: 1))
        lease.receive(.renewed, now: 660 * ms)
        #expect(lease.state == .held(epoch: 1, validUntil: 1550 * ms, renewAt: 983_333_333))
    }

    @Test func anotherNodeTakesOverWithAHigherEpochOnlyAfterExpiry() {
        var redis = FakeRedis(ttl: 1000 * ms)
        var a = UniverseLease(universe: "arena", policy: policy)
        var b = UniverseLease(universe: "arena", policy: policy)
        _ = a.poll(now: 0)
        a.receive(redis.handle(.acquire, from: "a", now: 0), now: 0)
        #expect(b.poll(now: 10 * ms) == .acquire)
        b.receive(redis.handle(.acquire, from: "b", now: 10 * ms), now: 10 * ms)
        #expect(!b.mayTick(now: 10 * ms))
        #expect(b.otherOwner?.name == "a" && b.otherOwner?.epoch == 1)
        // a is cut off from Redis from now on; b keeps trying every retry interval.
        var now: UInt64 = 10 * ms
        while !b.mayTick(now: now) {
            now += 10 * ms
            #expect(!(a.mayTick(now: now) && b.mayTick(now: now)), "two owners at \(now / ms) ms")
            if let request = b.poll(now: now) { b.receive(redis.handle(request, from: "b", now: now), now: now) }
        }
        #expect(now >= 1000 * ms)
        #expect(b.epoch(now: now) == 2)
        #expect(!a.mayTick(now: now))
    }

    @Test func aStaleOwnerIsRefusedAndLosesTheLease() {
        var redis = FakeRedis(ttl: 1000 * ms)
        var a = UniverseLease(universe: "arena", policy: policy)
        _ = a.poll(now: 0)
        a.receive(redis.handle(.acquire, from: "a", now: 0), now: 0)
        // a's renewal is delayed past expiry (a long pause); b takes over meanwhile.
        #expect(redis.handle(.acquire, from: "b", now: 1000 * ms) == .granted(epoch: 2))
        #expect(a.poll(now: 500 * ms) == .renew(epoch: 1))
        a.receive(redis.handle(.renew(epoch: 1), from: "a", now: 1001 * ms), now: 600 * ms)
        #expect(!a.mayTick(now: 600 * ms))
        #expect(a.losses == 1)
        #expect(a.poll(now: 600 * ms) == .acquire, "it asks again and will hear who holds it")
        a.receive(redis.handle(.acquire, from: "a", now: 1002 * ms), now: 601 * ms)
        #expect(a.otherOwner?.name == "b" && a.otherOwner?.epoch == 2)
    }

    @Test func releaseGivesUpAHeldLeaseAndStopsAsking() {
        var redis = FakeRedis(ttl: 1000 * ms)
        var lease = UniverseLease(universe: "arena", policy: policy)
        _ = lease.poll(now: 0)
        lease.receive(redis.handle(.acquire, from: "a", now: 0), now: 0)
        let release = lease.release()
        #expect(release == .release(epoch: 1))
        #expect(redis.handle(release!, from: "a", now: 1 * ms) == .released)
        #expect(lease.state == .released && lease.poll(now: 5000 * ms) == nil && lease.nextDeadline == nil)
        var never = UniverseLease(universe: "other", policy: policy)
        #expect(never.release() == nil)
    }
}
