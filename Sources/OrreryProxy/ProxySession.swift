import OrreryNet
import OrreryPosix

/// One client of the proxy: its upstream connection, a shaped pipe each way and its cut timer.
/// The handler of both connections. Loop-confined.
final class ProxySession: ConnectionHandler {
    /// The connection's index: 0 for the first client the server accepted.
    let index: UInt64

    private let server: ProxyServer
    private let client: Connection
    private var upstream: Connection?
    private let toUpstream: ShapedPipe
    private let toClient: ShapedPipe
    private let cutSeed: UInt64
    private var cutTimer: TimerHandle?
    private var isConnecting = false
    private var hasEnded = false

    init(server: ProxyServer, index: UInt64, client: Connection) {
        self.server = server
        self.index = index
        self.client = client
        let seeds = ConnectionSeeds(globalSeed: server.configuration.seed, connectionIndex: index)
        toUpstream = ShapedPipe(server: server, direction: .toUpstream, seed: seeds.toUpstream)
        toClient = ShapedPipe(server: server, direction: .toClient, seed: seeds.toClient)
        cutSeed = seeds.cut
        toUpstream.source = client
        toClient.sink = client
    }

    private var loop: EventLoop { server.loop }

    /// Arms the cut timer and connects upstream; the client is started once the upstream answers.
    func begin() {
        let configuration = server.configuration
        if let after = configuration.cuts.cutAfter(seed: cutSeed) {
            cutTimer = loop.schedule(after: after) { [weak self] _ in self?.cut() }
        }
        isConnecting = true
        loop.connect(host: configuration.upstreamHost, port: configuration.upstreamPort,
                     timeout: configuration.connectTimeout) { [self] result in upstreamAnswered(result) }
    }

    /// Closes both sides now (the server is stopping).
    func abort() {
        toUpstream.finish(closingSink: false)
        toClient.finish(closingSink: false)
        client.abort()
        upstream?.abort()
        endIfClosed()
    }

    private func upstreamAnswered(_ result: Result<Connection, PosixError>) {
        isConnecting = false
        switch result {
        case .failure:
            server.statistics.upstreamFailures += 1
            client.abort()
        case .success(let connection):
            guard client.state != .closed else {
                connection.abort()
                break
            }
            upstream = connection
            connection.outboundCap = server.configuration.outboundCap
            client.outboundCap = server.configuration.outboundCap
            if let size = server.configuration.socketReceiveBuffer {
                try? connection.setSocketBufferSizes(receive: size)
                try? client.setSocketBufferSizes(receive: size)
            }
            toUpstream.sink = connection
            toClient.source = connection
            connection.start(handler: self)
            client.start(handler: self)
        }
        endIfClosed()
    }

    /// The cut: both sides closed abruptly, held bytes dropped.
    private func cut() {
        cutTimer = nil
        guard !hasEnded else { return }
        server.statistics.cuts += 1
        abort()
    }

    private func endIfClosed() {
        guard !hasEnded, !isConnecting, client.state == .closed, (upstream?.state ?? .closed) == .closed else { return }
        hasEnded = true
        loop.cancel(&cutTimer)
        toUpstream.finish(closingSink: false)
        toClient.finish(closingSink: false)
        server.sessionDidEnd(self)
    }

    // MARK: ConnectionHandler

    func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        (connection === client ? toUpstream : toClient).receive(buffer[range])
    }

    func connectionIsSlowConsumer(_ connection: Connection) {
        (connection === client ? toClient : toUpstream).sinkIsSlowConsumer()
    }

    func connectionDidDrain(_ connection: Connection) {
        (connection === client ? toClient : toUpstream).sinkDidDrain()
    }

    func connection(_ connection: Connection, didCloseWith reason: CloseReason) {
        let isClient = connection === client
        (isClient ? toUpstream : toClient).sourceDidClose()
        (isClient ? toClient : toUpstream).sinkDidClose()
        endIfClosed()
    }
}
