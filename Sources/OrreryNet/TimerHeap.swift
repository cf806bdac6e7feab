/// A binary min-heap of timers ordered by (deadline, sequence), with O(log n) removal.
struct TimerHeap {
    private var timers: [LoopTimer] = []

    var isEmpty: Bool { timers.isEmpty }
    var first: LoopTimer? { timers.first }

    mutating func insert(_ timer: LoopTimer) {
        timer.heapIndex = timers.count
        timers.append(timer)
        siftUp(timers.count - 1)
    }

    mutating func remove(_ timer: LoopTimer) {
        let index = timer.heapIndex
        guard index >= 0, index < timers.count, timers[index] === timer else { return }
        let last = timers.count - 1
        if index != last { swapAt(index, last) }
        timers.removeLast()
        timer.heapIndex = -1
        if index < timers.count {
            siftDown(index)
            siftUp(index)
        }
    }

    mutating func removeAll() {
        for timer in timers { timer.heapIndex = -1 }
        timers.removeAll()
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard timers[child].firesBefore(timers[parent]) else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < timers.count else { return }
            let right = left + 1
            var smallest = left
            if right < timers.count, timers[right].firesBefore(timers[left]) { smallest = right }
            guard timers[smallest].firesBefore(timers[parent]) else { return }
            swapAt(parent, smallest)
            parent = smallest
        }
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        timers.swapAt(a, b)
        timers[a].heapIndex = a
        timers[b].heapIndex = b
    }
}
