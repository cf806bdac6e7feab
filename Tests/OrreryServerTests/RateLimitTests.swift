import OrreryNet
import OrreryServer
import Testing

private let millisecond: UInt64 = 1_000_000
private let second: UInt64 = 1_000_000_000

/// The results of taking one token at each of `times`, in order.
private func take(_ bucket: inout TokenBucket, at times: [UInt64]) -> [Bool] {
    times.map { bucket.take(now: $0) }
}

/// The results of `allow` for each (key, time), in order.
private func allow(_ limiter: inout KeyedRateLimiter<String>, _ calls: [(String, UInt64)]) -> [Bool] {
    calls.map { limiter.allow($0.0, now: $0.1) }
}

/// The results of `acquire` for each key, in order.
private func acquire(_ limiter: inout ConnectionLimiter<String>, _ keys: [String]) -> [Bool] {
    keys.map { limiter.acquire($0) }
}

/// The verdicts on inputs arriving at each of `times`, in order.
private func admit(_ limiter: inout InputLimiter, at times: [UInt64]) -> [InputLimiter.Verdict] {
    times.map { limiter.admit(now: $0) }
}

@Suite struct TokenBucketTests {
    @Test func startsFullAndRefillsAtTheRate() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 3, now: 0)
        #expect(bucket.isFull(now: 0))
        #expect(take(&bucket, at: [0, 0, 0, 0]) == [true, true, true, false])
        #expect(take(&bucket, at: [100 * millisecond - 1, 100 * millisecond, 100 * millisecond])
                == [false, true, false])
        #expect(bucket.available(now: 150 * millisecond) == 0.5)
        #expect(!bucket.isFull(now: 150 * millisecond))
    }

    @Test func refillStopsAtTheBurst() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 3, now: 0)
        _ = take(&bucket, at: [0, 0, 0])
        #expect(bucket.isFull(now: 300 * millisecond))
        #expect(bucket.available(now: 60 * second) == 3)
        let tookThree = bucket.take(3, now: 60 * second)
        #expect(tookThree)
        #expect(take(&bucket, at: [60 * second]) == [false])
    }

    @Test func manySmallRefillsAddUpToWholeTokens() {
        var bucket = TokenBucket(ratePerSecond: 3, burst: 1, now: 0)
        let ninth = second / 9
        #expect(take(&bucket, at: [0, ninth, 2 * ninth, second / 3]) == [true, false, false, true])
        let times = (2...3000).map { UInt64($0) * second / 3 }
        #expect(take(&bucket, at: times).allSatisfy { $0 })
        #expect(take(&bucket, at: [1000 * second]) == [false])
    }

    @Test func aClockGoingBackwardsAddsNothing() {
        var bucket = TokenBucket(ratePerSecond: 1, burst: 1, now: 10 * second)
        #expect(take(&bucket, at: [10 * second, 5 * second, 11 * second]) == [true, false, true])
    }
}

@Suite struct KeyedRateLimiterTests {
    @Test func keysHaveTheirOwnBuckets() {
        var limiter = KeyedRateLimiter<String>(ratePerSecond: 1, burst: 2, maximumKeys: 10)
        #expect(allow(&limiter, [("a", 0), ("a", 0), ("a", 0), ("b", 0), ("a", second)])
                == [true, true, false, true, true])
        #expect(limiter.count == 2)
    }

    @Test func idleKeysAreEvicted() {
        var limiter = KeyedRateLimiter<String>(ratePerSecond: 1, burst: 2, maximumKeys: 10)
        _ = allow(&limiter, [("a", 0), ("b", second), ("b", second)])
        #expect(limiter.evictIdle(now: second - 1) == 0)
        // "a" took one token at 0 and has refilled by 1 s; "b" took two at 1 s and needs until 3 s.
        #expect(limiter.evictIdle(now: second) == 1)
        #expect(!limiter.contains("a") && limiter.contains("b"))
        #expect(limiter.evictIdle(now: 3 * second - 1) == 0)
        #expect(limiter.evictIdle(now: 3 * second) == 1)
        #expect(limiter.count == 0)
    }

    @Test func aFullTableMakesRoomForNewKeys() {
        var limiter = KeyedRateLimiter<String>(ratePerSecond: 1, burst: 1, maximumKeys: 2)
        #expect(allow(&limiter, [("a", 0), ("b", 500 * millisecond)]) == [true, true])
        // At 1.2 s "a" has refilled (idle) and "b" has not: "a" goes.
        #expect(allow(&limiter, [("c", 1200 * millisecond)]) == [true])
        #expect(!limiter.contains("a") && limiter.contains("b") && limiter.contains("c"))
        // At 1.3 s nobody is idle: the least recently seen ("b") goes.
        #expect(allow(&limiter, [("c", 1300 * millisecond), ("d", 1300 * millisecond)]) == [false, true])
        #expect(!limiter.contains("b") && limiter.contains("c") && limiter.contains("d"))
        #expect(limiter.count == 2)
    }
}

@Suite struct ConnectionLimiterTests {
    @Test func limitsPerKeyAndForgetsReleasedKeys() {
        var limiter = ConnectionLimiter<String>(maximumPerKey: 2, maximumKeys: 2)
        #expect(acquire(&limiter, ["10.0.0.1", "10.0.0.1", "10.0.0.1"]) == [true, true, false])
        #expect(limiter.count(for: "10.0.0.1") == 2)
        limiter.release("10.0.0.1")
        #expect(acquire(&limiter, ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) == [true, true, false])
        limiter.release("10.0.0.2")
        #expect(limiter.keyCount == 1)
        #expect(limiter.count(for: "10.0.0.2") == 0)
        #expect(acquire(&limiter, ["10.0.0.3"]) == [true])
    }
}

@Suite struct InputLimiterTests {
    let policy = InputLimiter.Policy(ratePerSecond: 1, burst: 2, maximumDrops: 3, dropWindowNanoseconds: second)

    @Test func dropsThenCallsSustainedDropsAbuse() {
        var limiter = InputLimiter(policy: policy, now: 0)
        #expect(admit(&limiter, at: [0, 0, 0, 0, 0, 0]) == [.accept, .accept, .drop, .drop, .drop, .abuse])
        #expect(limiter.isAbusive)
        #expect(admit(&limiter, at: [100 * second]) == [.abuse])
    }

    @Test func dropsOutsideTheWindowAreForgiven() {
        var limiter = InputLimiter(policy: policy, now: 0)
        #expect(admit(&limiter, at: [0, 0, 0, 0, 0]) == [.accept, .accept, .drop, .drop, .drop])
        // One second later the earliest drops have left the window, and one token has come back.
        #expect(admit(&limiter, at: [second, second, second, second]) == [.accept, .drop, .drop, .drop])
        #expect(!limiter.isAbusive)
        #expect(admit(&limiter, at: [second + 1]) == [.abuse])
    }

    @Test func defaultPolicy() {
        let policy = InputLimiter.Policy()
        #expect(policy.ratePerSecond == 60 && policy.burst == 120)
        #expect(policy.maximumDrops == 100 && policy.dropWindowNanoseconds == 5 * second)
    }
}
