import OrreryNet
import OrreryPosix
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct ConnectionTests {
    @Test func partialWritesToASlowReaderLoseNothing() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let payload = pattern(2 << 20)
        let drained = Latch(1)
        let listener = try group.listen(host: "127.0.0.1", port: 0) { connection in
            try? connection.setSocketBufferSizes(send: 4096)
            connection.outboundCap = 8 << 20
            connection.send(payload)
            let handler = TestHandler()
            handler.onDrain = { _ in drained.arrive() }
            return handler
        }
        let client = try BlockingClient(port: listener.port, receiveBuffer: 4096)
        let received = try client.read(payload.count, chunk: 1000)
        #expect(received == payload)
        await drained.wait()
        let loop = group.loops[0]
        let counters = try await loop.submit { loop.counters }
        #expect(counters.bytesWritten == UInt64(payload.count))
    }

    @Test func outboundOverTheCapClosesAsSlowConsumer() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let closed = Latch(1)
        let reasons = Recorder<CloseReason>()
        let listener = try group.listen(host: "127.0.0.1", port: 0) { connection in
            try? connection.setSocketBufferSizes(send: 4096)
            connection.outboundCap = 64 * 1024
            connection.send(pattern(1 << 20))
            return echoHandler(closed: reasons, latch: closed)
        }
        let client = try BlockingClient(port: listener.port, receiveBuffer: 4096)
        await closed.wait()
        #expect(reasons.all == [.slowConsumer])
        _ = client
    }

    @Test func gracefulCloseFlushesEverythingFirst() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let payload = pattern(256 * 1024, seed: 7)
        let closed = Latch(1)
        let reasons = Recorder<CloseReason>()
        let listener = try group.listen(host: "127.0.0.1", port: 0) { connection in
            connection.send(payload)
            connection.loop.schedule(after: .zero) { _ in connection.close(timeout: .seconds(30)) }
            return echoHandler(closed: reasons, latch: closed)
        }
        let client = try BlockingClient(port: listener.port, receiveBuffer: 4096)
        #expect(try client.read(payload.count, chunk: 4096) == payload)
        #expect(try client.readEndOfFile() == .endOfFile)
        try client.socket.shutdown(.write)
        await closed.wait()
        #expect(reasons.all == [.local])
    }

    @Test func peerEndOfFileAndResetAreReported() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let started = Latch(2)
        let closed = Latch(2)
        let reasons = Recorder<CloseReason>()
        let listener = try group.listen(host: "127.0.0.1", port: 0) { _ in
            started.arrive()
            return echoHandler(closed: reasons, latch: closed)
        }
        let polite = try BlockingClient(port: listener.port)
        let rude = try BlockingClient(port: listener.port)
        await started.wait()
        try polite.socket.shutdown(.write)
        try rude.socket.setResetOnClose()
        rude.socket = try TCPSocket(familyOf: SocketAddress(host: "127.0.0.1", port: 0))
        await closed.wait()
        #expect(Set(reasons.all.map(\.description)) == [CloseReason.peerClosed.description, CloseReason.reset.description])
    }

    @Test func connectingToAClosedPortFailsClearly() async throws {
        let port: Int
        do {
            let listener = try TCPListener(address: SocketAddress(host: "127.0.0.1", port: 0))
            port = try listener.localAddress().port
        }
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let done = Latch(1)
        let failures = Recorder<PosixError>()
        loop.execute {
            loop.connect(host: "127.0.0.1", port: port) { result in
                if case .failure(let error) = result { failures.record(error) }
                done.arrive()
            }
        }
        await done.wait()
        let failure = try #require(failures.all.first)
        #expect(failure.errno == .connectionRefused)
        #expect(failure.description == "connect to 127.0.0.1:\(port) failed: Connection refused (ECONNREFUSED)")
    }

    @Test func movingAConnectionBetweenLoopsMidStreamLosesNoByte() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { group.shutdown() }
        let (first, second) = (group.loops[0], group.loops[1])
        let echoedBy = Recorder<Int>()
        let moved = Latch(1)
        let listener = try await first.submit {
            try? first.listen(host: "127.0.0.1", port: 0) { connection in
                var total = 0
                connection.start(handler: TestHandler(onRead: { connection, bytes in
                    connection.send(bytes)
                    total += bytes.count
                    guard total >= 50_000 else { return }
                    echoedBy.record(total)
                    connection.move(to: second) { adopted in
                        adopted.start(handler: echoHandler())
                        moved.arrive()
                    }
                }))
            }.port
        }
        let port = try #require(listener)
        let client = try BlockingClient(port: port)
        let payload = pattern(400_000, seed: 3)
        try client.write(payload)
        #expect(try client.read(payload.count) == payload)
        await moved.wait()
        #expect(echoedBy.all.count == 1)
        #expect(echoedBy.all[0] < payload.count)
        let firstCounters = try await first.submit { first.counters }
        let secondCounters = try await second.submit { second.counters }
        #expect(firstCounters.connectionsMovedOut == 1)
        #expect(secondCounters.connectionsAdopted == 1)
        #expect(firstCounters.bytesRead + secondCounters.bytesRead == UInt64(payload.count))
        #expect(secondCounters.bytesRead > 0)
    }

    @Test func stoppingTheLoopClosesConnectionsOnce() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let started = Latch(1)
        let closed = Latch(1)
        let reasons = Recorder<CloseReason>()
        let listener = try group.listen(host: "127.0.0.1", port: 0) { _ in
            started.arrive()
            return echoHandler(closed: reasons, latch: closed)
        }
        let client = try BlockingClient(port: listener.port)
        await started.wait()
        group.shutdown()
        await closed.wait()
        #expect(reasons.all == [.loopStopped])
        #expect(try client.readEndOfFile() == .endOfFile)
        await #expect(throws: CancellationError.self) { try await group.loops[0].submit { 1 } }
    }
}
