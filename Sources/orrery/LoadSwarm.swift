import Dispatch
import OrreryNet
import OrreryWebSocket
import OrreryWire
import Synchronization

/// Many lean players over real WebSockets for `orrery load`: each joins, sends an input now and then, and only
/// counts what it receives (no decoding beyond the type byte), so the client side costs as little as possible.
final class LoadSwarm: Sendable {
    /// Totals over every player.
    struct Totals: Sendable, Equatable {
        var messages: UInt64 = 0
        var bytes: UInt64 = 0
        var welcomed = 0
        var closed = 0
        var failed = 0
    }

    /// One player, confined to its client loop.
    final class Player: WebSocketHandler, @unchecked Sendable {
        let swarm: LoadSwarm
        var webSocket: WebSocketConnection?
        var inputSeq: UInt32 = 0
        var heading: UInt16

        init(swarm: LoadSwarm, heading: UInt16) {
            self.swarm = swarm
            self.heading = heading
        }

        func webSocketDidOpen(_ webSocket: WebSocketConnection) {
            self.webSocket = webSocket
            var join: [UInt8] = []
            try? WireEncoder.encode(.join(Join(role: .player)), into: &join)
            webSocket.send(.binary, join)
        }

        func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind) {
            let welcome = payload.first == MessageType.welcome.rawValue
            swarm.totals.withLock { totals in
                totals.messages &+= 1
                totals.bytes &+= UInt64(payload.count)
                if welcome { totals.welcomed += 1 }
            }
        }

        func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: OrreryWebSocket.CloseCode, reason: String) {
            self.webSocket = nil
            swarm.totals.withLock { $0.closed += 1 }
        }

        /// Sends the next input: turn a little, full throttle, now and then fire.
        func steer() {
            guard let webSocket, webSocket.isOpen else { return }
            inputSeq &+= 1
            heading &+= 1500
            var bytes: [UInt8] = []
            try? WireEncoder.encode(.input(PlayerInput(seq: inputSeq, heading: heading, throttle: 200,
                                                       actions: inputSeq % 8 == 0 ? 1 : 0)), into: &bytes)
            webSocket.send(.binary, bytes)
        }
    }

    let group: EventLoopGroup
    let totals = Mutex(Totals())
    private let players = Mutex<[[Player]]>([])

    /// A swarm on `loops` client loops.
    init(loops: Int) throws {
        group = try EventLoopGroup(loopCount: loops, name: "orrery-load")
        players.withLock { $0 = group.loops.map { _ in [] } }
    }

    /// Connects `count` players, player i to universe `prefix-(i / universeSize)`, at most 64 handshakes at a
    /// time; returns when every attempt has finished.
    func connect(count: Int, host: String, port: Int, universeSize: Int, prefix: String) {
        let slots = DispatchSemaphore(value: 64)
        let finished = DispatchSemaphore(value: 0)
        for index in 0..<count {
            slots.wait()
            let loopIndex = index % group.loops.count
            let loop = group.loops[loopIndex]
            let url = WebSocketURL(host: host, port: port, path: "/universes/\(prefix)-\(index / universeSize)")
            loop.execute { [self] in
                let player = Player(swarm: self, heading: UInt16(truncatingIfNeeded: index &* 7919))
                var configuration = WebSocketClientConfiguration(protocols: [WireProtocol.subprotocol])
                configuration.webSocket = WebSocketConfiguration(maxMessageSize: 16 << 20)
                loop.connectWebSocket(to: url, configuration: configuration, handler: player) { [self] result in
                    if case .success = result {
                        players.withLock { $0[loopIndex].append(player) }
                    } else {
                        totals.withLock { $0.failed += 1 }
                    }
                    slots.signal()
                    finished.signal()
                }
            }
        }
        for _ in 0..<count { finished.wait() }
    }

    /// Every player sends an input every `interval`, spread over the interval.
    func startInputs(every interval: Duration) {
        for (loopIndex, loop) in group.loops.enumerated() {
            loop.execute { [self] in
                var cursor = 0
                let slices = 10
                loop.scheduleRepeating(every: interval / slices) { [self] _ in
                    let mine = players.withLock { $0[loopIndex] }
                    var index = cursor
                    while index < mine.count {
                        mine[index].steer()
                        index += slices
                    }
                    cursor = (cursor + 1) % slices
                }
            }
        }
    }

    /// Closes every player and stops the loops.
    func stop() {
        for loop in group.loops {
            loop.execute { loop.closeAllWebSockets(code: .normalClosure, reason: "load done") }
        }
        group.shutdown()
    }
}
