import OrreryPosix

/// Timers: a binary heap keyed by deadline; the earliest deadline bounds the epoll_wait timeout.
///
/// Chosen over timerfd because rescheduling costs no system call and millisecond wake-up granularity
/// is ample for 20 Hz ticks; repeating timers cannot drift because each next deadline is computed
/// from the previous deadline, never from the time the callback happened to run.
extension EventLoop {
    /// The current monotonic time.
    public var now: MonotonicTime { .now() }

    /// Runs `body` once at `deadline` (immediately in the next iteration if it has passed).
    @discardableResult
    public func schedule(at deadline: MonotonicTime, _ body: @escaping (TimerFire) -> Void) -> TimerHandle {
        addTimer(deadline: deadline.nanoseconds, period: 0, body)
    }

    /// Runs `body` once after `delay`.
    @discardableResult
    public func schedule(after delay: Duration, _ body: @escaping (TimerFire) -> Void) -> TimerHandle {
        addTimer(deadline: MonotonicClock.nanoseconds() + delay.wholeNanoseconds, period: 0, body)
    }

    /// Runs `body` at `first`, `first + period`, `first + 2 × period`, … until cancelled. If the loop falls
    /// behind, overdue periods are skipped and reported in `TimerFire.missedPeriods`.
    @discardableResult
    public func scheduleRepeating(first: MonotonicTime, period: Duration, _ body: @escaping (TimerFire) -> Void) -> TimerHandle {
        precondition(period > .zero, "a repeating timer needs a positive period")
        return addTimer(deadline: first.nanoseconds, period: period.wholeNanoseconds, body)
    }

    /// Runs `body` every `period`, first one period from now.
    @discardableResult
    public func scheduleRepeating(every period: Duration, _ body: @escaping (TimerFire) -> Void) -> TimerHandle {
        scheduleRepeating(first: now + period, period: period, body)
    }

    /// Cancels a timer; harmless if it already fired or was cancelled.
    public func cancel(_ handle: TimerHandle) {
        assertOnLoop()
        timers.remove(handle.timer)
    }

    /// Cancels the timer in `handle`, if any, and sets it to nil.
    public func cancel(_ handle: inout TimerHandle?) {
        if let timer = handle { cancel(timer) }
        handle = nil
    }

    private func addTimer(deadline: Int64, period: Int64, _ body: @escaping (TimerFire) -> Void) -> TimerHandle {
        assertOnLoop()
        timerSequence += 1
        let timer = LoopTimer(deadline: deadline, sequence: timerSequence, period: period, body: body)
        timers.insert(timer)
        return TimerHandle(timer: timer)
    }

    /// Fires every timer whose deadline is at or before one clock reading, earliest first.
    func fireDueTimers() {
        guard !timers.isEmpty else { return }
        let now = MonotonicClock.nanoseconds()
        while let timer = timers.first, timer.deadline <= now {
            timers.remove(timer)
            let due = timer.deadline
            var missed = 0
            if timer.period > 0 {
                missed = Int((now - due) / timer.period)
                timer.deadline = due + Int64(missed + 1) * timer.period
                timerSequence += 1
                timer.sequence = timerSequence
                timers.insert(timer)
            }
            timer.body(TimerFire(deadline: MonotonicTime(nanoseconds: due), missedPeriods: missed))
        }
    }
}
