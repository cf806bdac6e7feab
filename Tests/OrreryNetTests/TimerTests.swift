import OrreryNet
import OrreryPosix
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct TimerTests {
    @Test func timersFireInDeadlineOrderAndCancelledOnesNever() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let fired = Recorder<String>()
        let deadlines = Recorder<Bool>()
        let done = Latch(1)
        let cancelledStillScheduled = try await loop.submit {
            let base = loop.now
            func add(_ name: String, _ milliseconds: Int) -> TimerHandle {
                let deadline = base + .milliseconds(milliseconds)
                return loop.schedule(at: deadline) { fire in
                    fired.record(name)
                    deadlines.record(fire.deadline == deadline && fire.missedPeriods == 0)
                }
            }
            _ = add("c", 30)
            _ = add("a", 10)
            let cancelled = add("x", 15)
            _ = add("b", 20)
            _ = add("a2", 10)
            loop.schedule(at: base + .milliseconds(40)) { _ in done.arrive() }
            loop.cancel(cancelled)
            return cancelled.isScheduled
        }
        await done.wait()
        #expect(!cancelledStillScheduled)
        #expect(fired.all == ["a", "a2", "b", "c"])
        #expect(deadlines.all == [true, true, true, true])
    }

    @Test func repeatingTimersDoNotDriftAndReportMissedPeriods() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let period = Duration.milliseconds(5)
        let fires = Recorder<TimerFire>()
        let done = Latch(1)
        let first = try await loop.submit {
            let first = loop.now + period
            var count = 0
            var handle: TimerHandle?
            handle = loop.scheduleRepeating(first: first, period: period) { fire in
                fires.record(fire)
                count += 1
                if count == 2 {
                    // Overrun: stay busy one and a half periods past the next deadline. The next firing
                    // runs (late) for that deadline and must report at least the one after it as missed.
                    let next = fire.deadline + period * (fire.missedPeriods + 1)
                    let until = next + period + period / 2
                    while loop.now < until {}
                }
                if count == 6 {
                    loop.cancel(handle!)
                    done.arrive()
                }
            }
            return first
        }
        await done.wait()
        let all = fires.all
        #expect(all.count == 6)
        var expected = first
        for fire in all {
            #expect(fire.deadline == expected)
            expected = expected + period * (fire.missedPeriods + 1)
        }
        #expect(all[2].missedPeriods >= 1)
        #expect(all.allSatisfy { ($0.deadline.nanoseconds - first.nanoseconds) % 5_000_000 == 0 })
    }

    @Test func mailboxRunsClosuresFromOtherThreadsInOrder() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let seen = Recorder<(Int, Int)>()
        let producers = try (0..<4).map { producer throws(PosixError) in
            try PosixThread(name: "producer-\(producer)") {
                for index in 0..<1000 {
                    loop.execute {
                        precondition(loop.isOnLoopThread)
                        seen.record((producer, index))
                    }
                }
            }
        }
        for thread in producers { thread.join() }
        let count = try await loop.submit { seen.all.count }
        #expect(count == 4000)
        for producer in 0..<4 {
            #expect(seen.all.filter { $0.0 == producer }.map(\.1) == Array(0..<1000))
        }
    }
}
