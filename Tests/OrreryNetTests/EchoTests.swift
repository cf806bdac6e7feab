import OrreryNet
import OrreryPosix
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct EchoTests {
    @Test func echoesManyClientsWithPiecesAndBatches() throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { group.shutdown() }
        let listener = try group.listen(host: "127.0.0.1", port: 0) { _ in echoHandler() }
        let clients = try (0..<20).map { _ in try BlockingClient(port: listener.port) }
        for (index, client) in clients.enumerated() {
            var expected: [UInt8] = []
            for message in 0..<30 {
                let bytes = Array("client \(index) message \(message);".utf8)
                var offset = 0
                while offset < bytes.count {
                    let piece = Array(bytes[offset..<min(bytes.count, offset + 1 + message % 5)])
                    try client.write(piece)
                    offset += piece.count
                }
                expected += bytes
            }
            let batch = (0..<200).flatMap { Array("batch \(index).\($0);".utf8) }
            try client.write(batch)
            expected += batch
            #expect(try client.read(expected.count) == expected)
        }
    }

    @Test func loopClientsConnectAndEchoInManyWrites() async throws {
        let server = try EventLoopGroup(loopCount: 2)
        let clients = try EventLoopGroup(loopCount: 1)
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let listener = try server.listen(host: "127.0.0.1", port: 0) { _ in echoHandler() }
        let clientCount = 50, size = 32 * 1024, chunk = 4 * 1024
        let done = Latch(clientCount)
        let results = Recorder<Bool>()
        let loop = clients.loops[0]
        let port = listener.port
        loop.execute {
            for index in 0..<clientCount {
                let payload = pattern(size, seed: index)
                loop.connect(host: "127.0.0.1", port: port) { result in
                    guard case .success(let connection) = result else {
                        results.record(false)
                        done.arrive()
                        return
                    }
                    var received: [UInt8] = []
                    connection.start(handler: TestHandler(onRead: { connection, bytes in
                        received += bytes
                        if received.count == size {
                            results.record(received == payload)
                            done.arrive()
                            connection.close()
                        }
                    }))
                    var sent = 0
                    loop.scheduleRepeating(every: .milliseconds(1)) { _ in
                        guard sent < size, connection.state == .open else { return }
                        connection.send(payload[sent..<sent + chunk])
                        sent += chunk
                    }
                }
            }
        }
        await done.wait()
        #expect(results.all == Array(repeating: true, count: clientCount))
        let counters = try await loop.submit { loop.counters }
        #expect(counters.connectionsConnected == UInt64(clientCount))
        #expect(counters.bytesRead == UInt64(clientCount * size))
    }

    @Test func acceptsAThousandConnectionsAtOnce() async throws {
        try ResourceLimits.raiseOpenFiles(to: 16_384)
        let group = try EventLoopGroup(loopCount: 2)
        defer { group.shutdown() }
        let count = 1000
        let started = Latch(count)
        let closed = Latch(count)
        let reasons = Recorder<CloseReason>()
        let listener = try group.listen(host: "127.0.0.1", port: 0) { _ in
            started.arrive()
            return echoHandler(closed: reasons, latch: closed)
        }
        let address = try SocketAddress(host: "127.0.0.1", port: listener.port)
        var clients: [BlockingClient] = []
        for _ in 0..<count { clients.append(try BlockingClient(port: address.port)) }
        await started.wait()
        let perLoop = try await [group.loops[0].submit { group.loops[0].counters },
                                 group.loops[1].submit { group.loops[1].counters }]
        #expect(perLoop[0].connectionsAccepted == UInt64(count))
        #expect(perLoop[0].connectionsOpen + perLoop[1].connectionsOpen == UInt64(count))
        clients.removeAll()
        await closed.wait()
        #expect(reasons.all == Array(repeating: .peerClosed, count: count))
    }
}
