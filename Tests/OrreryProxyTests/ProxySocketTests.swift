import OrreryDigest
import OrreryNet
import OrreryPosix
import OrreryProxy
import Synchronization
import TestSupport
import Testing

/// The proxy over real loopback sockets. Every wait is a hang guard; no assertion depends on timing.
@Suite(.timeLimit(.minutes(1))) struct ProxySocketTests {
    /// An upstream that echoes every byte; records how each of its connections closed.
    private static func echoUpstream(on group: EventLoopGroup, closed: Recorder<CloseReason>? = nil,
                                     latch: Latch? = nil) throws -> GroupListener {
        try group.listen(host: "127.0.0.1", port: 0) { _ in echoHandler(closed: closed, latch: latch) }
    }

    private static func configuration(upstream port: Int) -> ProxyConfiguration {
        var configuration = ProxyConfiguration(upstreamHost: "127.0.0.1", upstreamPort: port)
        configuration.listenPort = 0
        return configuration
    }

    @Test func delayedJitteredThrottledEchoArrivesIntactAndInOrder() async throws {
        let servers = try EventLoopGroup(loopCount: 1)
        let proxyLoops = try EventLoopGroup(loopCount: 1)
        let clients = try EventLoopGroup(loopCount: 1)
        defer {
            clients.shutdown()
            proxyLoops.shutdown()
            servers.shutdown()
        }
        let upstream = try Self.echoUpstream(on: servers)
        var configuration = Self.configuration(upstream: upstream.port)
        configuration.link = try LinkProfile(delay: .milliseconds(5), jitter: .milliseconds(4), bytesPerSecond: 500_000)
        configuration.seed = 12
        let proxy = try await startProxy(on: proxyLoops.loops[0], configuration)
        let proxyPort = try await proxy.loop.submit { proxy.address.port }

        var generator = SplitMix64(seed: 5)
        var pieces: [[UInt8]] = []
        var offset = 0
        while pieces.count < 400 {
            let size = 1 + Int(generator.next(upTo: 600))
            pieces.append(pattern(size, seed: offset))
            offset += size
        }
        let payload = pieces.flatMap { $0 }
        let received = Recorder<[UInt8]>()
        let done = Latch(1)
        let loop = clients.loops[0]
        loop.execute { [pieces] in
            loop.connect(host: "127.0.0.1", port: proxyPort) { result in
                guard case .success(let connection) = result else {
                    Issue.record("connect to the proxy failed: \(result)")
                    return done.arrive()
                }
                var bytes: [UInt8] = []
                connection.start(handler: TestHandler(onRead: { connection, chunk in
                    bytes += chunk
                    guard bytes.count >= payload.count else { return }
                    received.record(bytes)
                    done.arrive()
                    connection.close()
                }))
                var next = 0
                loop.scheduleRepeating(every: .milliseconds(1)) { _ in
                    guard next < pieces.count, connection.state == .open else { return }
                    connection.send(pieces[next])
                    next += 1
                }
            }
        }
        await done.wait()
        #expect(received.all.count == 1)
        expectSame(received.all.first ?? [], payload)
        let counters = try await statistics(of: proxy)
        #expect(counters.connectionsAccepted == 1)
        #expect(counters.bytesToUpstream == UInt64(payload.count))
        #expect(counters.bytesToClient == UInt64(payload.count))
        #expect(counters.cuts == 0)
    }

    @Test func whatOneSideSentIsDeliveredBeforeTheOtherSideIsClosed() async throws {
        let servers = try EventLoopGroup(loopCount: 1)
        let proxyLoops = try EventLoopGroup(loopCount: 1)
        defer {
            proxyLoops.shutdown()
            servers.shutdown()
        }
        let arrived = Recorder<[UInt8]>()
        let reasons = Recorder<CloseReason>()
        let closed = Latch(1)
        let upstream = try servers.listen(host: "127.0.0.1", port: 0) { _ in
            var bytes: [UInt8] = []
            return TestHandler(onRead: { _, chunk in bytes += chunk },
                               onClose: { _, reason in
                                   arrived.record(bytes)
                                   reasons.record(reason)
                                   closed.arrive()
                               })
        }
        var configuration = Self.configuration(upstream: upstream.port)
        configuration.link = try LinkProfile(delay: .milliseconds(40), jitter: .milliseconds(20))
        let proxy = try await startProxy(on: proxyLoops.loops[0], configuration)
        let client = try BlockingClient(port: try await proxy.loop.submit { proxy.address.port })
        let payload = pattern(200_000, seed: 9)
        for start in stride(from: 0, to: payload.count, by: 10_000) {
            try client.write(Array(payload[start..<start + 10_000]))
        }
        try client.finishWriting()
        await closed.wait()
        #expect(arrived.all.count == 1)
        expectSame(arrived.all.first ?? [], payload)
        #expect(reasons.all == [.peerClosed])
        #expect(try client.readUntilClosed() == ([], false))
        #expect(try await eventually { try await statistics(of: proxy).connectionsOpen == 0 }, "the session ends")
    }

    @Test func upstreamBytesAndItsCloseReachTheClient() async throws {
        let servers = try EventLoopGroup(loopCount: 1)
        let proxyLoops = try EventLoopGroup(loopCount: 1)
        defer {
            proxyLoops.shutdown()
            servers.shutdown()
        }
        let farewell = pattern(50_000, seed: 4)
        let upstream = try servers.listen(host: "127.0.0.1", port: 0) { connection in
            connection.send(farewell)
            // Closing an idle connection drops its bytes: close once it has started (next iteration).
            connection.loop.schedule(after: .zero) { _ in connection.close() }
            return TestHandler()
        }
        var configuration = Self.configuration(upstream: upstream.port)
        configuration.link = try LinkProfile(delay: .milliseconds(30), jitter: .milliseconds(30), bytesPerSecond: 1_000_000)
        let proxy = try await startProxy(on: proxyLoops.loops[0], configuration)
        let client = try BlockingClient(port: try await proxy.loop.submit { proxy.address.port })
        let (bytes, reset) = try client.readUntilClosed()
        expectSame(bytes, farewell)
        #expect(!reset)
    }

    @Test func aCutClosesBothSides() async throws {
        let servers = try EventLoopGroup(loopCount: 1)
        let proxyLoops = try EventLoopGroup(loopCount: 1)
        defer {
            proxyLoops.shutdown()
            servers.shutdown()
        }
        let upstreamClosed = Latch(1)
        let reasons = Recorder<CloseReason>()
        let upstream = try Self.echoUpstream(on: servers, closed: reasons, latch: upstreamClosed)
        var configuration = Self.configuration(upstream: upstream.port)
        configuration.cuts = CutSchedule(every: .milliseconds(60))
        let proxy = try await startProxy(on: proxyLoops.loops[0], configuration)
        let client = try BlockingClient(port: try await proxy.loop.submit { proxy.address.port })
        try client.write(Array("ping".utf8))
        let (bytes, _) = try client.readUntilClosed()
        #expect(Array("ping".utf8).starts(with: bytes))
        await upstreamClosed.wait()
        #expect(reasons.all.allSatisfy { $0 == .peerClosed || $0 == .reset })
        #expect(try await eventually { try await statistics(of: proxy).connectionsOpen == 0 }, "the session ends")
        let counters = try await statistics(of: proxy)
        #expect(counters.cuts == 1)
        #expect(counters.connectionsAccepted == 1)
    }

    @Test func aSlowReaderBehindAFastWriterKeepsTheProxyBounded() async throws {
        let servers = try EventLoopGroup(loopCount: 1)
        let proxyLoops = try EventLoopGroup(loopCount: 1)
        defer {
            proxyLoops.shutdown()
            servers.shutdown()
        }
        let flood = pattern(16 << 20, seed: 1)
        let upstream = try servers.listen(host: "127.0.0.1", port: 0) { connection in
            connection.outboundCap = .max
            connection.send(flood)
            return TestHandler()
        }
        var configuration = Self.configuration(upstream: upstream.port)
        configuration.link = try LinkProfile(delay: .milliseconds(2), jitter: .milliseconds(1))
        configuration.queueLimit = 64 * 1024
        configuration.outboundCap = 64 * 1024
        let proxy = try await startProxy(on: proxyLoops.loops[0], configuration)
        let client = try BlockingClient(port: try await proxy.loop.submit { proxy.address.port }, receiveBuffer: 4096)
        #expect(try await eventually { try await statistics(of: proxy).readPauses > 0 },
                "the proxy stops reading the writer")
        let received = try client.read(flood.count)
        expectSame(received, flood)
        let counters = try await statistics(of: proxy)
        #expect(counters.bytesToClient == UInt64(flood.count))
        let readBuffer = EventLoopConfiguration().readBufferSize
        #expect(counters.peakBufferedBytes <= configuration.queueLimit + configuration.outboundCap + readBuffer)
    }

    @Test func aSmallSocketReceiveBufferPushesBackOnTheWriter() async throws {
        let servers = try EventLoopGroup(loopCount: 1)
        let proxyLoops = try EventLoopGroup(loopCount: 1)
        defer {
            proxyLoops.shutdown()
            servers.shutdown()
        }
        let flood = pattern(8 << 20, seed: 2)
        let pending = Mutex(Int.max)
        let upstream = try servers.listen(host: "127.0.0.1", port: 0) { connection in
            connection.outboundCap = .max
            connection.send(flood)
            connection.loop.scheduleRepeating(every: .milliseconds(10)) { _ in
                pending.withLock { $0 = connection.pendingOutboundBytes }
            }
            return TestHandler()
        }
        var configuration = Self.configuration(upstream: upstream.port)
        configuration.queueLimit = 4096
        configuration.outboundCap = 4096
        configuration.socketReceiveBuffer = 4096
        let proxy = try await startProxy(on: proxyLoops.loops[0], configuration)
        let client = try BlockingClient(port: try await proxy.loop.submit { proxy.address.port }, receiveBuffer: 4096)
        #expect(try await eventually { try await statistics(of: proxy).bytesToClient > 0 }, "bytes reach the client")
        try await Task.sleep(for: .milliseconds(500))
        // With autotuning the kernel buffers of the proxy's two sockets would soon take the rest of the flood; now the writer keeps all but what
        // its own send buffer (at most 4 MiB by default, tcp_wmem) and a few small buffers hold.
        #expect(pending.withLock { $0 } >= flood.count - (5 << 20))
        // Tiny windows are slow on loopback (updates wait for the delayed ack): check only the first bytes.
        expectSame(try client.read(16 * 1024), Array(flood.prefix(16 * 1024)))
    }

    @Test func aRefusedUpstreamDropsTheClient() async throws {
        let port: Int
        do {
            let listener = try TCPListener(address: SocketAddress(host: "127.0.0.1", port: 0))
            port = try listener.localAddress().port
        }
        let proxyLoops = try EventLoopGroup(loopCount: 1)
        defer { proxyLoops.shutdown() }
        let proxy = try await startProxy(on: proxyLoops.loops[0], Self.configuration(upstream: port))
        let client = try BlockingClient(port: try await proxy.loop.submit { proxy.address.port })
        #expect(try client.readUntilClosed().bytes.isEmpty)
        let counters = try await statistics(of: proxy)
        #expect(counters.upstreamFailures == 1)
        #expect(counters.connectionsOpen == 0)
    }

    @Test func aNonNumericUpstreamIsRejectedAtStart() async throws {
        let loops = try EventLoopGroup(loopCount: 1)
        defer { loops.shutdown() }
        let configuration = ProxyConfiguration(upstreamHost: "example", upstreamPort: 80)
        await #expect(throws: PosixError.invalidAddress("example")) {
            try await startProxy(on: loops.loops[0], configuration)
        }
    }
}
