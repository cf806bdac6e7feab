/// Identifies a scheduled timer so it can be cancelled with `EventLoop.cancel(_:)`. Loop-confined.
public struct TimerHandle {
    let timer: LoopTimer

    /// Whether the timer is still waiting to fire (false after a one-shot fired or after cancel).
    public var isScheduled: Bool { timer.heapIndex >= 0 }
}
