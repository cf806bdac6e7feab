import Foundation
import OrreryArena
import OrreryClient
import OrreryNet
import OrreryServer
import OrreryWebSocket
import OrreryWire
import OrreryWorld
import Synchronization
import TestSupport

/// A game client over a real socket: decodes what arrives, keeps a replica, and (with a truth log) checks the
/// replica against the server's truth after every frame and reset.
final class GameClient: WebSocketHandler, @unchecked Sendable {
    struct State {
        var replica = Replica()
        var welcomes: [Welcome] = []
        var problems: [String] = []
        var errors: [UInt16] = []
        var closeCode: UInt16?
        var frames = 0
        var resets = 0
        var checks = 0
        var pongs = 0
        var seqs: [UInt64] = []
        /// Every game message received, in order (version 2).
        var messages: [WireGameMessage] = []
        /// Property, private and universe value comparisons made against the truth (version 2).
        var stateChecks = 0
        /// The version of the last join or resume sent.
        var version = WireProtocol.version

        /// What the session's messages decode and encode with.
        var dialect: WireDialect {
            if let schema = replica.schema { return WireDialect(schema: schema) }
            return version >= 2 ? .v2 : .v1
        }
    }

    let universe: String
    /// The server's truth to check against (set before joining; read on the client loop).
    nonisolated(unsafe) var truth: TruthLog?
    private let state = Mutex(State())
    /// The open connection (set when connected; used on its loop only).
    nonisolated(unsafe) var webSocket: WebSocketConnection?

    init(universe: String, truth: TruthLog?) {
        self.universe = universe
        self.truth = truth
    }

    var snapshot: State { state.withLock { $0 } }

    /// Continues from another client's state (the same player reconnecting on a new socket).
    func adopt(_ previous: State) {
        state.withLock { state in
            state = previous
            state.closeCode = nil
        }
    }

    func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind) {
        state.withLock { state in
            do {
                switch try WireDecoder.decodeServerMessage(payload, dialect: state.dialect) {
                case .welcome(let welcome):
                    if state.welcomes.isEmpty { state.replica.begin(welcome) } else { state.replica.resume(welcome) }
                    state.welcomes.append(welcome)
                case .eventFrame(let frame):
                    try state.replica.apply(frame)
                    state.messages += state.replica.messages
                    state.frames += 1
                    state.seqs.append(frame.seq)
                    check(&state)
                case .reset(let reset):
                    try state.replica.apply(reset)
                    state.resets += 1
                    state.seqs.append(reset.seq)
                    check(&state)
                case .error(let error):
                    state.errors.append(error.code)
                case .pong:
                    state.pongs += 1
                case .schema(let schema):
                    state.replica.apply(schema)
                }
            } catch {
                state.problems.append("\(universe): \(error)")
            }
        }
    }

    func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: OrreryWebSocket.CloseCode, reason: String) {
        state.withLock { $0.closeCode = code.rawValue }
    }

    /// Compares the replica with the truth at its tick: the same ids as the server's view, the same states.
    private func check(_ state: inout State) {
        guard let truth, let welcome = state.welcomes.last else { return }
        let tick = state.replica.tick
        guard let record = truth.record(at: tick) else {
            state.problems.append("\(universe): no truth kept for tick \(tick)")
            return
        }
        let observer = welcome.playerId
        guard observer != 0, let visible = record.views[observer] else { return }
        state.checks += 1
        if Set(visible) != Set(state.replica.entities.keys) {
            state.problems.append("\(universe) tick \(tick): view \(visible.count) ids, replica \(state.replica.entities.count)")
            return
        }
        var byID: [UInt32: Int] = [:]
        for (position, entity) in record.entities.enumerated() { byID[entity.id] = position }
        let v2 = state.replica.schema != nil
        for id in visible {
            guard let position = byID[id] else { continue }
            var wire = WorldToWire.record(record.entities[position])
            if v2 { wire.properties = WorldToWire.nonDefault(record.entityProperties[position]) }
            if wire != state.replica.entities[id] {
                state.problems.append("\(universe) tick \(tick): entity \(id) differs")
                return
            }
        }
        guard v2 else { return }
        state.stateChecks += 1
        if state.replica.universeState != record.universeState.map(WorldToWire.value) {
            state.problems.append("\(universe) tick \(tick): universe state differs")
        }
        if state.replica.playerState != (record.playerStates[observer] ?? []).map(WorldToWire.value) {
            state.problems.append("\(universe) tick \(tick): private state differs")
        }
    }

    /// Sends one client message on the connection's loop.
    func send(_ message: ClientMessage) {
        guard let webSocket else { return }
        let dialect = state.withLock { state in
            switch message {
            case .join(let join): state.version = join.version
            case .resume(let resume): state.version = resume.version
            default: break
            }
            return state.dialect
        }
        var encoded: [UInt8] = []
        try? WireEncoder.encode(message, dialect: dialect, into: &encoded)
        let bytes = encoded
        webSocket.loop.execute { webSocket.send(.binary, bytes) }
    }

    /// Sends raw bytes (binary or text) on the connection's loop.
    func sendRaw(_ bytes: [UInt8], kind: MessageKind = .binary) {
        guard let webSocket else { return }
        webSocket.loop.execute { webSocket.send(kind, bytes) }
    }

    /// Drops the socket without a close handshake (a network cut).
    func cut() {
        guard let webSocket else { return }
        webSocket.loop.execute { webSocket.terminate(reason: "test cut") }
    }
}

/// An in-process relay and a client loop group.
final class RelayFixture: Sendable {
    let server: RelayServer
    let clients: EventLoopGroup

    init(_ adjust: (inout RelayConfiguration) -> Void = { _ in }) throws {
        var configuration = RelayConfiguration()
        configuration.port = 0
        configuration.loops = 2
        configuration.tickRate = 100
        configuration.worldMetres = 500
        configuration.viewRadiusMetres = 80
        configuration.hysteresisMetres = 8
        configuration.rules = ArenaRules.factory(asteroids: 60, npcs: 10)
        configuration.publishSeconds = 0.02
        configuration.pingIntervalSeconds = 0
        configuration.debugTruth = true
        configuration.handshakesPerIPPerSecond = 10_000
        // Generous: under a loaded parallel test run a test task may wait seconds between opening and joining.
        configuration.policy.helloTimeoutNanoseconds = 120_000_000_000
        configuration.truthTicks = 3000
        adjust(&configuration)
        let logger = Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in })
        server = try RelayServer(configuration: configuration, logger: logger)
        clients = try EventLoopGroup(loopCount: 1, name: "test-clients")
    }

    deinit {
        server.shutdown(timeout: .seconds(2))
        clients.shutdown()
    }

    /// Opens a WebSocket to `path` (`/universes/NAME` by default) offering `orrery.v1`.
    func open(_ client: GameClient, path: String? = nil, query: String? = nil, headers: [(String, String)] = [],
              protocols: [String] = [WireProtocol.subprotocol]) async -> WebSocketClientError? {
        await openWebSocket(client, port: server.port, loop: clients.next(), path: path, query: query,
                            headers: headers, protocols: protocols)
    }

    /// Opens and joins; returns the client once welcomed.
    func join(_ universe: String, role: OrreryWire.Role = .player,
              version: UInt8 = WireProtocol.version) async throws -> GameClient {
        let client = GameClient(universe: universe, truth: nil)
        if let error = await open(client) { throw error }
        client.truth = server.truthLog(for: universe)
        client.send(.join(Join(version: version, role: role)))
        guard await eventually(.seconds(20), { !client.snapshot.welcomes.isEmpty }) else { throw FixtureError.noWelcome }
        return client
    }

    /// The HTTP status of an upgrade that failed, nil if it succeeded.
    func status(of error: WebSocketClientError?) -> Int? {
        if case .handshake(.unexpectedStatus(let status))? = error { return status }
        return nil
    }

    /// One merged metric value (the snapshot is at most `publishSeconds` old).
    func counter(_ descriptor: MetricDescriptor, _ labels: [String] = []) -> UInt64 {
        server.metricsSnapshot().counter(descriptor, labels: labels) ?? 0
    }
}

/// Opens a client WebSocket for `client` on `loop`; nil when it opened, else why not.
func openWebSocket(_ client: GameClient, port: Int, loop: EventLoop, path: String? = nil, query: String? = nil,
                   headers: [(String, String)] = [], protocols: [String] = [WireProtocol.subprotocol]) async
    -> WebSocketClientError? {
    let url = WebSocketURL(host: "127.0.0.1", port: port, path: path ?? "/universes/\(client.universe)", query: query)
    var settings = WebSocketClientConfiguration(protocols: protocols, headers: headers)
    settings.webSocket = WebSocketConfiguration(maxMessageSize: 16 << 20)
    let configuration = settings
    let result: Result<WebSocketConnection, WebSocketClientError> = await withCheckedContinuation { done in
        loop.execute {
            loop.connectWebSocket(to: url, configuration: configuration, handler: client) { done.resume(returning: $0) }
        }
    }
    switch result {
    case .success(let webSocket):
        client.webSocket = webSocket
        return nil
    case .failure(let error):
        return error
    }
}

enum FixtureError: Error {
    case noWelcome
}
