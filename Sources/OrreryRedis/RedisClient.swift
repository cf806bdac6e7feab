import OrreryNet

/// A Redis connection on one of our event loops: pipelined commands, timeouts, reconnect with backoff, scripts.
///
/// Commands are written as soon as they are issued (many per loop iteration share one write) and their replies
/// are matched in order. While the connection is down, commands wait and are sent once it is back, unless their
/// timeout passes first. A lost connection fails the commands that were sent (they may or may not have run:
/// `.disconnected`) and reconnects after `initialReconnectDelay`, doubling up to `maxReconnectDelay`.
///
/// Loop-confined: create it and call every method on `loop`'s thread (hence `@unchecked Sendable`, as for
/// `EventLoop`). Completions run on that thread too, never inside `send` except when the client is closed.
public final class RedisClient: ConnectionHandler, @unchecked Sendable {
    public typealias Completion = (Result<RedisValue, RedisClientError>) -> Void

    /// What happened on this client, for metrics.
    public struct Counters: Equatable, Sendable {
        /// Commands issued (a script falling back from `EVALSHA` to `EVAL` counts twice).
        public var commands: UInt64 = 0
        /// Error replies (`.server`).
        public var serverErrors: UInt64 = 0
        /// Commands that timed out.
        public var timeouts: UInt64 = 0
        /// Connections dropped because the server sent bytes that are not RESP.
        public var protocolErrors: UInt64 = 0
        /// Connections that became ready (the first one included).
        public var connections: UInt64 = 0
        /// Connection attempts that failed, and ready connections that were lost.
        public var connectionFailures: UInt64 = 0
    }

    private struct Request {
        var command: RedisCommand
        var deadline: MonotonicTime
        var completion: Completion
    }

    private enum Link {
        case stopped
        case connecting
        case handshaking(Connection)
        case ready(Connection)
        case backingOff(TimerHandle)
        case closed

        var connection: Connection? {
            switch self {
            case .handshaking(let connection), .ready(let connection): connection
            default: nil
            }
        }
    }

    /// The loop this client lives on.
    public let loop: EventLoop
    /// Where and how it connects.
    public let configuration: RedisClientConfiguration
    /// Traffic and failure counts.
    public private(set) var counters = Counters()
    private var link = Link.stopped
    private var waiting: [Request] = []
    private var inFlight: [Request] = []
    private var parser = RedisReplyParser()
    private var failedAttempts = 0
    private var timeoutTimer: TimerHandle?

    /// A client that does nothing until `start()`.
    public init(loop: EventLoop, configuration: RedisClientConfiguration = RedisClientConfiguration()) {
        self.loop = loop
        self.configuration = configuration
    }

    /// Whether a connection is open and past its handshake.
    public var isReady: Bool {
        if case .ready = link { return true }
        return false
    }

    /// Connects (commands issued before the connection is ready wait for it).
    public func start() {
        assert(loop.isOnLoopThread, "RedisClient is confined to its loop")
        guard case .stopped = link else { return }
        connect()
    }

    /// Sends `command`; `completion` gets its reply, or why there is none.
    public func send(_ command: RedisCommand, completion: @escaping Completion) {
        assert(loop.isOnLoopThread, "RedisClient is confined to its loop")
        counters.commands += 1
        let request = Request(command: command, deadline: loop.now + configuration.commandTimeout, completion: completion)
        switch link {
        case .closed, .stopped:
            completion(.failure(.closed))
        case .ready(let connection):
            inFlight.append(request)
            connection.send(writing: command.encode(into:))
            armTimeout()
        case .connecting, .handshaking, .backingOff:
            waiting.append(request)
            armTimeout()
        }
    }

    /// Runs `script` with `EVALSHA`, loading it with `EVAL` when the server does not have it cached.
    public func run(_ script: RedisScript, keys: [String], arguments: [String], completion: @escaping Completion) {
        send(script.command(byHash: true, keys: keys, arguments: arguments)) { [self] result in
            if case .failure(.server(let message)) = result, message.hasPrefix("NOSCRIPT") {
                send(script.command(byHash: false, keys: keys, arguments: arguments), completion: completion)
            } else {
                completion(result)
            }
        }
    }

    /// Closes the connection and fails every pending command with `.closed`. The client cannot be restarted.
    public func close() {
        assert(loop.isOnLoopThread, "RedisClient is confined to its loop")
        let connection = link.connection
        if case .backingOff(let timer) = link { loop.cancel(timer) }
        link = .closed
        loop.cancel(&timeoutTimer)
        connection?.close()
        fail(&inFlight, with: .closed)
        fail(&waiting, with: .closed)
    }

    private func connect() {
        link = .connecting
        loop.connect(host: configuration.host, port: configuration.port, timeout: configuration.connectTimeout) {
            [self] result in
            switch result {
            case .success(let connection):
                guard case .connecting = link else {
                    connection.abort()
                    return
                }
                parser = RedisReplyParser()
                connection.start(handler: self)
                if configuration.protocolVersion == .resp3 {
                    link = .handshaking(connection)
                    handshake(on: connection)
                } else {
                    becameReady(connection)
                }
            case .failure:
                guard case .connecting = link else { return }
                counters.connectionFailures += 1
                backOff()
            }
        }
    }

    private func handshake(on connection: Connection) {
        let hello = RedisCommand("HELLO", "3")
        inFlight.append(Request(command: hello, deadline: loop.now + configuration.commandTimeout) { [self] result in
            guard case .handshaking(let current) = link, current === connection else { return }
            if case .success = result {
                becameReady(connection)
            } else {
                drop(connection, failing: .disconnected("HELLO 3 refused"))
            }
        })
        connection.send(writing: hello.encode(into:))
        armTimeout()
    }

    private func becameReady(_ connection: Connection) {
        link = .ready(connection)
        failedAttempts = 0
        counters.connections += 1
        let queued = waiting
        waiting = []
        for request in queued {
            inFlight.append(request)
            connection.send(writing: request.command.encode(into:))
        }
    }

    /// Drops a broken connection: its sent commands fail with `error`, and a new one follows after the backoff.
    private func drop(_ connection: Connection, failing error: RedisClientError) {
        connection.abort()
        counters.connectionFailures += 1
        fail(&inFlight, with: error)
        backOff()
    }

    private func backOff() {
        let delay = min(configuration.maxReconnectDelay, configuration.initialReconnectDelay * (1 << min(failedAttempts, 20)))
        failedAttempts += 1
        link = .backingOff(loop.schedule(after: delay) { [self] _ in
            guard case .backingOff = link else { return }
            connect()
        })
    }

    private func fail(_ requests: inout [Request], with error: RedisClientError) {
        let failed = requests
        requests = []
        for request in failed { request.completion(.failure(error)) }
    }

    /// Keeps one timer at the earliest deadline (deadlines grow in issue order, so it is a queue's head).
    private func armTimeout() {
        guard timeoutTimer == nil else { return }
        let earliest = [inFlight.first?.deadline, waiting.first?.deadline].compactMap { $0 }.min()
        guard let earliest else { return }
        timeoutTimer = loop.schedule(at: earliest) { [self] _ in
            timeoutTimer = nil
            expire()
            armTimeout()
        }
    }

    private func expire() {
        let now = loop.now
        while let first = waiting.first, first.deadline <= now {
            waiting.removeFirst()
            counters.timeouts += 1
            first.completion(.failure(.timedOut))
        }
        if let first = inFlight.first, first.deadline <= now, let connection = link.connection {
            counters.timeouts += UInt64(inFlight.count)
            drop(connection, failing: .timedOut)
        }
    }

    public func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        guard link.connection === connection else { return }
        parser.append(buffer[range])
        do throws(RedisProtocolError) {
            while let value = try parser.next() {
                deliver(value, from: connection)
                guard link.connection === connection else { return }
            }
        } catch {
            counters.protocolErrors += 1
            drop(connection, failing: .protocolViolation(error))
        }
    }

    private func deliver(_ value: RedisValue, from connection: Connection) {
        if case .push = value { return }
        guard !inFlight.isEmpty else {
            counters.protocolErrors += 1
            drop(connection, failing: .protocolViolation(.unsolicitedReply))
            return
        }
        let request = inFlight.removeFirst()
        if case .error(let message) = value {
            counters.serverErrors += 1
            request.completion(.failure(.server(message)))
        } else {
            request.completion(.success(value))
        }
    }

    public func connection(_ connection: Connection, didCloseWith reason: CloseReason) {
        guard link.connection === connection else { return }
        counters.connectionFailures += 1
        fail(&inFlight, with: .disconnected(reason.description))
        backOff()
    }
}
