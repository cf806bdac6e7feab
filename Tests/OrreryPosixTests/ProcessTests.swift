import Synchronization
import Testing
@testable import OrreryPosix

@Suite struct ProcessTests {
    @Test func monotonicClockNeverGoesBackwards() {
        var previous = MonotonicClock.nanoseconds()
        for _ in 0..<1000 {
            let now = MonotonicClock.nanoseconds()
            #expect(now >= previous)
            previous = now
        }
    }

    @Test func openFileLimitRaisesToTheHardLimit() throws {
        let raised = try ResourceLimits.raiseOpenFiles()
        #expect(raised.soft == raised.hard)
        #expect(try ResourceLimits.openFiles() == raised)
    }

    @Test func processStatsReportMemoryAndCPU() throws {
        let stats = try ProcessStats.current()
        #expect(stats.residentBytes > 0)
        #expect(stats.peakResidentBytes > 0)
        #expect(stats.userMicroseconds + stats.systemMicroseconds > 0)
    }

    @Test func threadsRunTheirBodyAndJoin() throws {
        let ran = Atomic<Int>(0)
        let threads = try (0..<3).map { index throws(PosixError) in
            try PosixThread(name: "test-\(index)") { ran.add(1, ordering: .relaxed) }
        }
        for thread in threads { thread.join() }
        #expect(ran.load(ordering: .relaxed) == 3)
    }

    @Test func signalDescriptorReceivesABlockedSignal() throws {
        let signals = try SignalDescriptor(signals: [Signals.user1])
        try SignalDescriptor.raiseInCurrentThread(Signals.user1)
        let received = try signals.wait()
        #expect(received == Signals.user1)
    }
}
