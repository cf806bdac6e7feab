import OrreryClient
import OrreryNet
import OrreryPosix
import OrrerySpectator
import OrreryWire

/// `orrery spectate`'s glue on its loop: a spectator `ClientConnection` feeds a `SpectatorSession`, keys move
/// the viewport, and a render timer draws the session into the terminal. Loop-confined.
final class SpectatorScreen: ClientConnectionDelegate, @unchecked Sendable {
    let connection: ClientConnection
    private var session: SpectatorSession
    private let terminal: Terminal
    private var size: TerminalSize
    private var keys = KeyDecoder()
    private var pressed: [Key] = []
    /// How far behind the estimated server tick the view is drawn, in seconds.
    private let delaySeconds: Double
    private var followPending: Bool
    private var renderTimer: TimerHandle?
    private var reportedStop = false

    init(connection: ClientConnection, universe: String, glyphs: GlyphSet, colors: Bool, terminal: Terminal,
         size: TerminalSize, delaySeconds: Double, follow: Bool) {
        self.connection = connection
        session = SpectatorSession(universe: universe, glyphs: glyphs, colors: colors)
        self.terminal = terminal
        self.size = size
        self.delaySeconds = delaySeconds
        followPending = follow
    }

    /// Connects and starts drawing `framesPerSecond` times a second.
    func start(framesPerSecond: Int) {
        connection.delegate = self
        connection.start()
        let period = Duration.nanoseconds(1_000_000_000 / Int64(max(framesPerSecond, 1)))
        renderTimer = connection.loop.scheduleRepeating(every: period) { [weak self] _ in self?.render() }
        render()
    }

    /// Stops drawing and closes the connection.
    func stop() {
        if let renderTimer { connection.loop.cancel(renderTimer) }
        renderTimer = nil
        connection.stop()
    }

    /// The terminal changed size: redraw everything at the new size.
    func resize(_ newSize: TerminalSize) {
        size = newSize
        session.invalidate()
        render()
    }

    /// Handles typed bytes; returns true when the user asked to quit.
    func type(_ bytes: [UInt8]) -> Bool {
        pressed.removeAll(keepingCapacity: true)
        keys.decode(bytes, into: &pressed)
        var quit = false
        for key in pressed where session.handle(key) { quit = true }
        if !quit { render() }
        return quit
    }

    /// The fractional tick to draw: the estimated server tick minus the interpolation delay, never beyond the
    /// replica tick plus the keep-alive period (Protocol/README.md section 6).
    private func renderTick(at now: Int64) -> Double {
        let replica = connection.replica
        guard let welcome = replica.session, let estimate = connection.estimatedServerTick(at: now) else {
            return Double(replica.tick)
        }
        let delayed = estimate - delaySeconds * Double(welcome.tickRateHz)
        return min(delayed, Double(replica.tick) + Double(welcome.keepAliveTicks))
    }

    private func render() {
        let now = MonotonicClock.nanoseconds()
        if connection.stopReason != nil, !reportedStop {
            reportedStop = true
            try? SignalDescriptor.raiseInProcess(Signals.terminate)
        }
        session.replica = connection.replica
        if followPending, session.replica.entities.values.contains(where: session.isFollowable) {
            followPending = false
            _ = session.handle(.follow)
        }
        let output = session.render(nowTick: renderTick(at: now), size: size, at: now)
        if !output.isEmpty { try? terminal.write(output) }
    }

    func clientConnection(_ connection: ClientConnection, didReceive message: ServerMessage, byteCount: Int,
                          at nanoseconds: Int64) {
        session.stats.recordMessage(byteCount: byteCount, at: nanoseconds)
        switch message {
        case .eventFrame(let frame):
            session.replica = connection.replica
            session.record(frame)
            session.stats.recordFrame(at: nanoseconds)
        case .reset: session.stats.recordFrame(at: nanoseconds)
        case .pong(let pong): session.stats.recordPong(pong, at: nanoseconds)
        case .welcome, .schema, .error: break
        }
    }
}
