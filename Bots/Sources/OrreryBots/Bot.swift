import OrreryClient
import OrreryNet
import OrreryPosix

/// One bot: a client connection on one loop, played by a `GameBotBrain` (the built-in `BotBrain` unless the game
/// ships its own); its `BotBrain` also paces churn. Loop-confined like its connection.
final class Bot: ClientConnectionDelegate, @unchecked Sendable {
    let connection: ClientConnection
    private var brain: BotBrain
    private var player: any GameBotBrain
    /// Offset of this bot's decisions within the decision interval (spreads a swarm's inputs over time).
    private let phase: Duration
    private var decider: TimerHandle?
    private var churn: TimerHandle?
    /// When `start()` ran (monotonic nanoseconds), nil before.
    private(set) var startedAt: Int64?
    /// Whether the bot was ever welcomed.
    private(set) var everLive = false

    init(connection: ClientConnection, brain: BotBrain, player: (any GameBotBrain)? = nil, phase: Duration) {
        self.connection = connection
        self.brain = brain
        self.player = player ?? brain
        self.phase = phase
    }

    var loop: EventLoop { connection.loop }
    var behavior: BotBehavior { brain.behavior }

    /// Connects, and starts deciding (and churning, for churn bots).
    func start() {
        guard startedAt == nil else { return }
        startedAt = MonotonicClock.nanoseconds()
        connection.delegate = self
        connection.start()
        guard behavior != .idle else { return }
        decider = loop.scheduleRepeating(first: loop.now + phase, period: BotBrain.decisionInterval) { [weak self] _ in
            self?.decide()
        }
    }

    /// Stops deciding and closes the connection for good.
    func stop() {
        if let decider { loop.cancel(decider) }
        if let churn { loop.cancel(churn) }
        decider = nil
        churn = nil
        connection.stop()
    }

    private func decide() {
        guard connection.state == .live else { return }
        let now = MonotonicClock.nanoseconds()
        let tick = connection.estimatedServerTick(at: now) ?? Double(connection.replica.tick)
        guard let action = player.nextAction(replica: connection.replica, atTick: tick) else { return }
        if let input = action.input {
            connection.sendInput(heading: input.heading, throttle: input.throttle, actions: input.actions,
                                 payload: input.payload)
        }
        for command in action.commands { connection.sendCommand(command.code, payload: command.payload) }
    }

    func clientConnectionDidGoLive(_ connection: ClientConnection, resumed: Bool) {
        everLive = true
        guard behavior == .churn else { return }
        if let churn { loop.cancel(churn) }
        let step = brain.nextChurnStep()
        churn = loop.schedule(after: .milliseconds(step.playMilliseconds)) { [weak self] _ in
            guard let self else { return }
            self.churn = nil
            let away = Duration.milliseconds(step.awayMilliseconds)
            self.connection.disconnect(abruptly: step.abrupt,
                                       then: step.resume ? .resume(after: away) : .rejoin(after: away))
        }
    }
}
