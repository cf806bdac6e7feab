import TestSupport
import Testing
@testable import OrreryNet

@Suite struct BufferAndHeapTests {
    @Test func outboundBufferKeepsOrderAcrossPartialConsumes() {
        var buffer = OutboundBuffer()
        var expected: [UInt8] = []
        var written: [UInt8] = []
        var generator = TestRandom(seed: 42)
        for round in 0..<200 {
            let chunk = (0..<Int(generator.next() % 3000)).map { UInt8(truncatingIfNeeded: $0 &+ round) }
            if round % 2 == 0 { buffer.append(chunk) } else { buffer.append(writing: { $0 += chunk }) }
            expected += chunk
            let take = min(buffer.count, Int(generator.next() % 4000))
            written += buffer.pending.prefix(take)
            buffer.consume(take)
        }
        written += buffer.pending
        buffer.consume(buffer.count)
        #expect(written == expected)
        #expect(buffer.isEmpty)
    }

    @Test func takeAllEmptiesTheBuffer() {
        var buffer = OutboundBuffer()
        buffer.append([1, 2, 3, 4])
        buffer.consume(1)
        #expect(buffer.takeAll() == [2, 3, 4])
        #expect(buffer.count == 0)
    }

    @Test func timerHeapPopsInDeadlineThenSchedulingOrderWithRemovals() {
        var heap = TimerHeap()
        var generator = TestRandom(seed: 7)
        var timers: [LoopTimer] = []
        for sequence in 0..<500 {
            let timer = LoopTimer(deadline: Int64(generator.next() % 50), sequence: UInt64(sequence), period: 0) { _ in }
            timers.append(timer)
            heap.insert(timer)
        }
        let removed = Set(stride(from: 0, to: 500, by: 3))
        for index in removed { heap.remove(timers[index]) }
        heap.remove(timers[0])
        var popped: [LoopTimer] = []
        while let first = heap.first {
            heap.remove(first)
            popped.append(first)
        }
        let expected = timers.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
            .sorted { $0.firesBefore($1) }
        #expect(popped.map(\.sequence) == expected.map(\.sequence))
        #expect(timers.allSatisfy { $0.heapIndex == -1 })
    }
}
