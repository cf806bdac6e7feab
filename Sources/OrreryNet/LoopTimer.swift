/// A scheduled timer as stored in the loop's heap.
final class LoopTimer {
    var deadline: Int64
    var sequence: UInt64
    let period: Int64
    let body: (TimerFire) -> Void
    /// Position in the heap, -1 when not scheduled.
    var heapIndex = -1

    init(deadline: Int64, sequence: UInt64, period: Int64, body: @escaping (TimerFire) -> Void) {
        self.deadline = deadline
        self.sequence = sequence
        self.period = period
        self.body = body
    }

    /// Heap order: earlier deadline first, then earlier scheduling.
    func firesBefore(_ other: LoopTimer) -> Bool {
        deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
    }
}
