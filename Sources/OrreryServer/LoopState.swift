import OrreryNet

/// What one event loop of a `RelayServer` owns: its universes (each with its tick timer) and its metric store.
/// Touched only on `loop`'s thread; `@unchecked Sendable` only so that closures sent to the loop can carry it.
final class LoopState: @unchecked Sendable {
    /// One universe running on this loop.
    final class Runner {
        let host: UniverseHost
        let onDemand: Bool
        var pacer: TickPacer
        var timer: TimerHandle?
        /// When the universe last became empty (monotonic nanoseconds), nil while anyone is in it.
        var emptySince: UInt64?

        init(host: UniverseHost, onDemand: Bool, pacer: TickPacer) {
            self.host = host
            self.onDemand = onDemand
            self.pacer = pacer
        }
    }

    let index: Int
    let loop: EventLoop
    var runners: [String: Runner] = [:]
    var metrics: LoopMetrics

    init(index: Int, loop: EventLoop) {
        self.index = index
        self.loop = loop
        metrics = LoopMetrics(ioBackend: loop.ioBackend)
    }

    /// The current monotonic time in nanoseconds.
    static func now() -> UInt64 {
        UInt64(clamping: MonotonicTime.now().nanoseconds)
    }

    /// Starts ticking `runner` every `period`, catching up per its pacer.
    func start(_ runner: Runner, period: Duration) {
        runner.timer = loop.scheduleRepeating(first: loop.now + period, period: period) { [unowned self, unowned runner] fire in
            let steps = runner.pacer.steps(missedPeriods: fire.missedPeriods)
            if fire.missedPeriods > 0 { metrics.store.increment(metrics.overruns, by: UInt64(fire.missedPeriods)) }
            for _ in 0..<steps {
                let start = Self.now()
                runner.host.tick(now: start)
                let seconds = Double(Self.now() &- start) / 1e9
                metrics.store.observe(metrics.tickDuration, seconds)
                metrics.store.increment(metrics.ticks)
            }
        }
    }

    /// Stops and forgets a universe.
    func remove(_ name: String) {
        guard let runner = runners.removeValue(forKey: name) else { return }
        if let timer = runner.timer { loop.cancel(timer) }
    }
}
