import OrreryNet
import OrreryPosix

/// A TCP proxy on one event loop: accepts clients, connects each to the upstream server and forwards
/// both directions through a `LinkShaper`, cutting connections on the `CutSchedule`.
///
/// Connection i (0 for the first accepted) is shaped with `ConnectionSeeds(globalSeed:connectionIndex: i)`,
/// so it behaves the same in every run with the same seed whatever the other connections do.
/// When one side closes, what it sent is still delivered on schedule, then the other side is closed
/// gracefully. Loop-confined like `EventLoop` (hence `@unchecked Sendable`): create it, read it and stop
/// it on `loop`'s thread. Keep a reference while it should accept; open connections keep it alive too.
public final class ProxyServer: @unchecked Sendable {
    /// The settings.
    public let configuration: ProxyConfiguration
    /// The loop everything runs on.
    public let loop: EventLoop
    /// The listening address, with the port the kernel chose when port 0 was asked for.
    public private(set) var address: SocketAddress
    /// Counters since start.
    public internal(set) var statistics = ProxyStatistics()

    private var listener: Listener?
    private var sessions: [UInt64: ProxySession] = [:]
    private var nextIndex: UInt64 = 0

    /// Starts listening on `configuration.listenHost:listenPort`. Call on `loop`'s thread. Throws if either
    /// address is not numeric (or `localhost`) or the listening socket cannot be opened.
    public init(configuration: ProxyConfiguration, loop: EventLoop) throws(PosixError) {
        _ = try SocketAddress(host: configuration.upstreamHost, port: configuration.upstreamPort)
        address = try SocketAddress(host: configuration.listenHost, port: configuration.listenPort)
        self.configuration = configuration
        self.loop = loop
        let listener = try loop.listen(host: configuration.listenHost, port: configuration.listenPort) {
            [weak self] connection in
            guard let self else { return connection.abort() }
            accept(connection)
        }
        self.listener = listener
        address = listener.address
    }

    /// Stops listening and closes every proxied connection at once.
    public func stop() {
        listener?.close()
        listener = nil
        for session in Array(sessions.values) { session.abort() }
    }

    private func accept(_ connection: Connection) {
        let session = ProxySession(server: self, index: nextIndex, client: connection)
        sessions[nextIndex] = session
        nextIndex += 1
        statistics.connectionsAccepted += 1
        statistics.connectionsOpen += 1
        session.begin()
    }

    func sessionDidEnd(_ session: ProxySession) {
        guard sessions.removeValue(forKey: session.index) != nil else { return }
        statistics.connectionsOpen -= 1
    }

    func recordDelivered(_ count: Int, direction: PipeDirection) {
        switch direction {
        case .toUpstream: statistics.bytesToUpstream += UInt64(count)
        case .toClient: statistics.bytesToClient += UInt64(count)
        }
    }

    func recordBuffered(_ count: Int) {
        statistics.peakBufferedBytes = max(statistics.peakBufferedBytes, count)
    }
}
