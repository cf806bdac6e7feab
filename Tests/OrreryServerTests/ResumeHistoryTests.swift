import Testing
import OrreryServer

/// A frame whose bytes name its sequence number.
private func frame(_ seq: UInt64, size: Int = 4) -> [UInt8] {
    [UInt8](repeating: UInt8(truncatingIfNeeded: seq), count: size)
}

@Suite struct ResumeHistoryTests {
    @Test func replaysWhatFollowsTheLastSeenFrame() {
        var history = ResumeHistory(maximumAgeTicks: 100)
        #expect(history.frames(after: 0) == nil)
        for seq in UInt64(1)...5 { history.append(frame(seq), seq: seq, tick: seq) }
        #expect(history.frames(after: 2) == [frame(3), frame(4), frame(5)])
        #expect(history.frames(after: 0) == (1...5).map { frame($0) })
        #expect(history.frames(after: 4) == [frame(5)])
        #expect(history.frames(after: 5) == [])
        #expect(history.frames(after: 6) == nil)
        #expect(history.frames(after: .max) == nil)
        #expect(history.count == 5 && history.byteCount == 20)
    }

    @Test func framesAgeOutByTicks() {
        var history = ResumeHistory(maximumAgeTicks: 3)
        for seq in UInt64(1)...6 { history.append(frame(seq), seq: seq, tick: seq) }
        #expect(history.oldestSeq == 3)
        #expect(history.frames(after: 2) == [frame(3), frame(4), frame(5), frame(6)])
        #expect(history.frames(after: 1) == nil)
        history.evict(currentTick: 9)
        #expect(history.oldestSeq == 6)
        #expect(history.frames(after: 5) == [frame(6)])
        history.evict(currentTick: 10)
        #expect(history.count == 0 && history.byteCount == 0 && history.lastSeq == 6)
        #expect(history.frames(after: 6) == [])
        #expect(history.frames(after: 5) == nil)
    }

    @Test func framesAreDroppedOverTheByteBudget() {
        var history = ResumeHistory(maximumAgeTicks: 100, maximumBytes: 10)
        history.append(frame(1), seq: 1, tick: 1)
        history.append(frame(2), seq: 2, tick: 2)
        #expect(history.count == 2 && history.byteCount == 8)
        history.append(frame(3), seq: 3, tick: 3)
        #expect(history.oldestSeq == 2 && history.byteCount == 8)
        #expect(history.frames(after: 1) == [frame(2), frame(3)])
        #expect(history.frames(after: 0) == nil)
        history.append(frame(4, size: 11), seq: 4, tick: 4)
        #expect(history.count == 0 && history.lastSeq == 4)
        #expect(history.frames(after: 4) == [])
        #expect(history.frames(after: 3) == nil)
        history.append(frame(5, size: 10), seq: 5, tick: 5)
        #expect(history.frames(after: 4) == [frame(5, size: 10)])
    }

    @Test func longRunsKeepTheRightWindow() {
        var history = ResumeHistory(ticksPerSecond: 20, seconds: 5)
        #expect(history.maximumAgeTicks == 100)
        for seq in UInt64(1)...1000 { history.append(frame(seq), seq: seq, tick: seq * 2) }
        // Ticks 1900...2000 are kept: sequence numbers 950...1000.
        #expect(history.oldestSeq == 950 && history.count == 51)
        #expect(history.frames(after: 949)?.count == 51)
        #expect(history.frames(after: 998) == [frame(999), frame(1000)])
        #expect(history.frames(after: 948) == nil)
    }

    @Test func removeAllRestartsNumbering() {
        var history = ResumeHistory(maximumAgeTicks: 10)
        history.append(frame(7), seq: 7, tick: 1)
        history.removeAll()
        #expect(history.lastSeq == nil && history.count == 0 && history.frames(after: 7) == nil)
        history.append(frame(1), seq: 1, tick: 2)
        #expect(history.frames(after: 0) == [frame(1)])
    }

    @Test func compactionKeepsEveryFrameIntact() {
        var history = ResumeHistory(maximumAgeTicks: 1000, maximumBytes: 9000)
        func sized(_ seq: UInt64) -> [UInt8] { frame(seq, size: 1 + Int(seq * 7919 % 300)) }
        for seq in UInt64(1)...20_000 {
            history.append(sized(seq), seq: seq, tick: seq)
            if seq % 997 == 0, let oldest = history.oldestSeq {
                #expect(history.frames(after: oldest - 1) == (oldest...seq).map(sized))
                #expect(history.byteCount == (oldest...seq).map { sized($0).count }.reduce(0, +))
            }
        }
        #expect(history.byteCount <= 9000 && history.count > 20)
    }
}
