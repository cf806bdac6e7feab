/// The open WebSocket connections of one loop, and one repeating heartbeat sweep per distinct
/// `HeartbeatPolicy` among them (started with its first connection, cancelled with its last).
final class WebSocketRegistry {
    private unowned let loop: EventLoop
    /// The connections; each knows its position (`registryIndex`) for O(1) removal.
    private(set) var members: [WebSocketConnection] = []
    private var sweeps: [HeartbeatPolicy: (timer: TimerHandle, count: Int)] = [:]

    init(loop: EventLoop) {
        self.loop = loop
    }

    func add(_ webSocket: WebSocketConnection) {
        guard webSocket.registryIndex < 0 else { return }
        webSocket.registryIndex = members.count
        members.append(webSocket)
        guard let policy = webSocket.heartbeat else { return }
        if let sweep = sweeps[policy] {
            sweeps[policy] = (sweep.timer, sweep.count + 1)
        } else {
            let timer = loop.scheduleRepeating(every: policy.interval) { [unowned self] _ in sweep(policy) }
            sweeps[policy] = (timer, 1)
        }
    }

    func remove(_ webSocket: WebSocketConnection) {
        let index = webSocket.registryIndex
        guard index >= 0, index < members.count, members[index] === webSocket else { return }
        let last = members.removeLast()
        if index < members.count {
            members[index] = last
            last.registryIndex = index
        }
        webSocket.registryIndex = -1
        guard let policy = webSocket.heartbeat, let sweep = sweeps[policy] else { return }
        if sweep.count > 1 {
            sweeps[policy] = (sweep.timer, sweep.count - 1)
        } else {
            loop.cancel(sweep.timer)
            sweeps[policy] = nil
        }
    }

    /// Pings every connection under `policy`, terminating those silent for longer than its timeout.
    private func sweep(_ policy: HeartbeatPolicy) {
        let now = MonotonicTime.now().nanoseconds
        let timeout = policy.timeout.wholeNanoseconds
        for webSocket in members where webSocket.heartbeat == policy {
            webSocket.heartbeatCheck(now: now, timeout: timeout)
        }
    }
}
