import Synchronization

/// The cross-thread queue of closures for one loop: the only lock in the networking rooms.
final class Mailbox: Sendable {
    typealias Task = @Sendable () -> Void

    private struct State {
        var tasks: [Task] = []
        var isClosed = false
    }

    private let state = Mutex(State())

    /// Appends `task`. Returns nil if the mailbox is closed, else whether the queue was empty before
    /// (only then does the loop need a wake-up: a non-empty queue has a wake-up pending already).
    func enqueue(_ task: @escaping Task) -> Bool? {
        state.withLock { state in
            guard !state.isClosed else { return nil }
            state.tasks.append(task)
            return state.tasks.count == 1
        }
    }

    /// Swaps the queued tasks into `batch` (which should be empty, capacity reused).
    func takeAll(into batch: inout [Task]) {
        state.withLock { swap(&$0.tasks, &batch) }
    }

    /// Refuses further tasks and returns those still queued (to be released outside the lock).
    func close() -> [Task] {
        state.withLock { state in
            state.isClosed = true
            defer { state.tasks = [] }
            return state.tasks
        }
    }
}
