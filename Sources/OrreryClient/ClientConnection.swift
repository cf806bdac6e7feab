import OrreryNet
import OrreryPosix
import OrreryWebSocket
import OrreryWire

/// One game client over the event loop's WebSocket client: connects to a universe, joins as a player or
/// spectator, keeps the exact `Replica`, sends inputs and pings, estimates the server's tick, checks the
/// protocol as it goes (`ProtocolChecker`), and reconnects after a drop with exponential backoff and jitter,
/// resuming the session with its token and last seq (Protocol/README.md section 5.2).
///
/// Loop-confined: create it and call every method on `loop`'s thread (a handler, a timer, or a closure given
/// to `loop.execute`). It is `@unchecked Sendable` only so that closures sent to that loop may capture it.
public final class ClientConnection: WebSocketHandler, @unchecked Sendable {
    /// The loop the connection lives on.
    public let loop: EventLoop
    /// What it connects to and how.
    public let configuration: ClientConfiguration
    /// Hears messages, welcomes and disconnects.
    public weak var delegate: (any ClientConnectionDelegate)?
    /// The exact replica of the entities in view.
    public internal(set) var replica = Replica()
    /// Where the connection is in its life.
    public internal(set) var state = ClientState.idle
    /// The server's current tick as estimated from frame and pong arrivals.
    public internal(set) var tickClock = TickClock()
    /// The latest ping round-trip time in microseconds, nil before the first pong.
    public internal(set) var roundTripMicroseconds: Int64?
    /// Why the connection stopped on its own (nil while running or when asked to stop).
    public internal(set) var stopReason: String?
    /// Why the latest connection attempt failed (see `explain(_:address:)`), nil before any failure.
    public internal(set) var lastFailure: String?

    var counters = ClientStatistics()
    var checker = ProtocolChecker()
    var pendingInputs = InputLatencyTracker()
    var random: ClientRandom
    var webSocket: WebSocketConnection?
    var connectPending = false
    var token: ResumeToken?
    var sentResume = false
    var nextInputSeq: UInt32 = 1
    var attempt = 0
    var refusalsInRow = 0
    var followUp: Reconnection?
    var housekeeping: TimerHandle?
    var retry: TimerHandle?
    var lastReceived: Int64 = 0
    var lastPing: Int64 = 0
    var startedAt: Int64 = 0
    var scratch: [UInt8] = []

    /// A connection that does nothing until `start()`.
    public init(loop: EventLoop, configuration: ClientConfiguration) {
        self.loop = loop
        self.configuration = configuration
        random = ClientRandom(seed: configuration.seed)
    }

    /// Everything counted so far, with the protocol check failures.
    public var statistics: ClientStatistics {
        var statistics = counters
        statistics.checks = checker.counts
        return statistics
    }

    /// True once stopped with no socket left open or opening.
    public var isFinished: Bool { state == .stopped && webSocket == nil && !connectPending }

    /// The largest input seq sent in the current session (0 before any).
    public var lastInputSeqSent: UInt32 { nextInputSeq &- 1 }


    /// Opens the connection and joins. Does nothing unless idle.
    public func start() {
        guard state == .idle else { return }
        startedAt = MonotonicClock.nanoseconds()
        connect()
    }

    /// Sends the player's controls; returns the input seq, or nil when not live as a player or when the input
    /// does not fit the session (a payload in version 1 or longer than the schema's `inputPayloadMaxBytes`):
    /// nothing is sent then.
    @discardableResult
    public func sendInput(heading: UInt16, throttle: UInt8, actions: UInt8, payload: [UInt8] = []) -> UInt32? {
        guard state == .live, let webSocket, let welcome = replica.session, welcome.playerId != 0 else { return nil }
        let seq = nextInputSeq
        let input = PlayerInput(seq: seq, heading: heading, throttle: throttle, actions: actions, payload: payload)
        guard send(.input(input), on: webSocket) else { return nil }
        nextInputSeq &+= 1
        pendingInputs.sent(seq, at: MonotonicClock.nanoseconds())
        counters.inputsSent &+= 1
        return seq
    }

    /// Sends a game command (version 2): `code` indexes the schema's `commands`. Returns false when not live as
    /// a player or when the command does not fit the schema (unknown code, payload too long, text that is not
    /// UTF-8): nothing is sent then.
    @discardableResult
    public func sendCommand(_ code: UInt8, payload: [UInt8] = []) -> Bool {
        guard state == .live, let webSocket, let welcome = replica.session, welcome.playerId != 0,
              replica.schema != nil else { return false }
        guard send(.command(WireCommand(code: code, payload: payload)), on: webSocket) else { return false }
        counters.commandsSent &+= 1
        return true
    }

    /// The dialect of the server's messages: the replica's once its schema arrived, before that version 2 with
    /// no schema (so the schema message decodes) or version 1.
    var dialect: WireDialect {
        if let schema = replica.schema { return WireDialect(schema: schema) }
        return configuration.protocolVersion >= 2 ? WireDialect(schema: SchemaMessage(game: "game")) : .v1
    }

    /// Ends the current connection on purpose and then does `next`: e.g. `.resume(after: .seconds(1))` to come
    /// back to the same session, `.rejoin(after:)` to start a new one. `abruptly` drops the socket without a
    /// close handshake (like a network cut); otherwise it closes with 1000. Does nothing unless hello or live.
    public func disconnect(abruptly: Bool, then next: Reconnection) {
        guard let webSocket, state == .hello || state == .live else { return }
        followUp = next
        counters.plannedDisconnects &+= 1
        if abruptly {
            webSocket.terminate(reason: "client dropped the connection")
        } else {
            webSocket.close(code: .normalClosure, reason: "client leaving")
        }
    }

    /// Stops for good: closes the connection with 1000 (the server keeps the session for its grace period)
    /// and cancels any reconnection. `isFinished` turns true once the socket is gone.
    public func stop() {
        guard state != .stopped else { return }
        state = .stopped
        cancelTimers()
        if let webSocket {
            followUp = .never
            webSocket.close(code: .normalClosure, reason: "client stopping")
        }
    }

    /// The estimated current server tick (fractional) at `nanoseconds`, nil before the first frame.
    public func estimatedServerTick(at nanoseconds: Int64) -> Double? {
        tickClock.estimate(at: nanoseconds)
    }

    // MARK: Connecting

    func connect() {
        state = .connecting
        connectPending = true
        counters.connectAttempts &+= 1
        var settings = WebSocketClientConfiguration(protocols: [WireProtocol.subprotocol])
        settings.webSocket = WebSocketConfiguration(maxMessageSize: 16 << 20, maxFragments: 1 << 16)
        settings.connectTimeout = configuration.connectTimeout
        settings.handshakeTimeout = configuration.connectTimeout
        loop.connectWebSocket(to: configuration.address.url(ticket: configuration.ticket), configuration: settings,
                              handler: self) { [weak self] result in
            self?.connected(result)
        }
    }

    private func connected(_ result: Result<WebSocketConnection, WebSocketClientError>) {
        connectPending = false
        switch result {
        case .success(let opened):
            webSocket = opened
        case .failure(let error):
            counters.connectFailures &+= 1
            if case .handshake(.unexpectedStatus(let status)) = error {
                counters.refusedUpgrades[UInt16(clamping: status), default: 0] &+= 1
            }
            let cause = Self.explain(error, address: configuration.address)
            lastFailure = cause
            guard state != .stopped else { return }
            switch error {
            case .handshake(.unexpectedStatus(let status)) where [400, 401, 403, 404].contains(status):
                return stopOnItsOwn(cause)
            case .connect(.invalidAddress):
                return stopOnItsOwn(cause)
            default:
                break
            }
            guard configuration.reconnects else { return stopOnItsOwn("could not connect: \(cause)") }
            if gaveUpStarting(because: cause) { return }
            scheduleReconnect(.resume(after: nil))
        }
    }

    /// Stops on its own when the client was never welcomed and `startupTimeout` has passed since `start()`,
    /// naming `cause`, the latest failure; returns whether it did.
    func gaveUpStarting(because cause: String) -> Bool {
        guard let limit = configuration.startupTimeout, counters.joins == 0,
              MonotonicClock.nanoseconds() - startedAt >= limit.nanosecondsValue else { return false }
        stopOnItsOwn("not welcomed within \(limit) (\(counters.connectAttempts) attempts): \(cause)")
        return true
    }

    public func webSocketDidOpen(_ webSocket: WebSocketConnection) {
        guard webSocket === self.webSocket else { return }
        counters.connectionsOpened &+= 1
        guard state != .stopped else {
            followUp = .never
            return webSocket.close(code: .normalClosure, reason: "client stopping")
        }
        guard webSocket.selectedProtocol == WireProtocol.subprotocol else {
            stopOnItsOwn("the server did not select the subprotocol \(WireProtocol.subprotocol)")
            followUp = .never
            return webSocket.close(code: .protocolError, reason: "subprotocol \(WireProtocol.subprotocol) required")
        }
        state = .hello
        let now = MonotonicClock.nanoseconds()
        lastReceived = now
        lastPing = now
        if let token {
            sentResume = true
            send(.resume(Resume(version: configuration.protocolVersion, token: token, lastSeq: replica.lastSeq)),
                 on: webSocket)
        } else {
            sentResume = false
            send(.join(Join(version: configuration.protocolVersion, role: configuration.role,
                            region: configuration.role == .spectator ? configuration.region : nil,
                            displayName: configuration.displayName)), on: webSocket)
        }
        housekeeping = loop.scheduleRepeating(every: .milliseconds(250)) { [weak self] _ in self?.tend() }
    }

    /// Encodes `message` into the scratch buffer and sends it; false (nothing sent) when it does not encode in
    /// the session's dialect.
    @discardableResult
    func send(_ message: ClientMessage, on webSocket: WebSocketConnection) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        do {
            try WireEncoder.encode(message, dialect: dialect, into: &scratch)
        } catch {
            return false
        }
        webSocket.send(.binary, scratch[...])
        return true
    }

    /// Every 250 ms while open: drop a silent connection, send a ping when one is due.
    private func tend() {
        guard let webSocket else { return }
        let now = MonotonicClock.nanoseconds()
        if now - lastReceived > silenceLimit {
            counters.silences &+= 1
            followUp = .resume(after: nil)
            webSocket.terminate(reason: state == .live ? "nothing received for 3 keep-alive periods" : "no welcome")
            return
        }
        if state == .live, now - lastPing >= configuration.pingInterval.nanosecondsValue {
            lastPing = now
            send(.ping(Ping(clientTimestamp: UInt64(now / 1000))), on: webSocket)
        }
    }

    /// How long the connection may stay silent: 3 keep-alive periods (at least 2 s) when live, the hello
    /// timeout before the welcome.
    private var silenceLimit: Int64 {
        guard state == .live, let welcome = replica.session else { return configuration.helloTimeout.nanosecondsValue }
        let seconds = 3 * Double(welcome.keepAliveTicks) / Double(max(welcome.tickRateHz, 1))
        return Int64(max(2, seconds) * 1e9)
    }

    func cancelTimers() {
        loop.cancel(&housekeeping)
        loop.cancel(&retry)
    }
}

extension Duration {
    /// This duration in whole nanoseconds.
    var nanosecondsValue: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
