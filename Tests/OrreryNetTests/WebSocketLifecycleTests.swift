import OrreryNet
import OrreryPosix
import OrreryWebSocket
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct WebSocketLifecycleTests {
    static let fastHeartbeat = WebSocketServerConfiguration(
        heartbeat: HeartbeatPolicy(interval: .milliseconds(40), timeout: .milliseconds(120)))

    @Test func silentPeerIsTerminatedAndAnsweringClientStays() async throws {
        let server = try TestServer(configuration: Self.fastHeartbeat)
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probe = ProbeHandler()
        let webSocket = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        let silent = try RawWebSocketClient(port: server.port)
        #expect(try silent.handshake().hasPrefix("HTTP/1.1 101 "))
        #expect(try await eventually { try await server.total { $0.heartbeatTimeouts } == 1 })
        let silentHandler = server.factory.handlers.first { $0.closeCode != nil }
        #expect(silentHandler?.closeCode == 1006)
        #expect(try silent.readClose() == .endOfStream, "a terminated peer gets no close frame")
        // Our client answered every ping over many timeouts' worth of intervals and is still open.
        #expect(try await eventually { try await server.total { $0.pingsSent } >= 12 })
        #expect(probe.closeCode == nil)
        #expect(try await server.total { $0.heartbeatTimeouts } == 1)
        send(webSocket, .text, Array("still here".utf8))
        #expect(await eventually { probe.messages.count == 1 })
    }

    @Test func clientCloseCodeAndReasonReachTheServer() async throws {
        let server = try TestServer()
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probe = ProbeHandler()
        let webSocket = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        webSocket.loop.execute { webSocket.close(code: CloseCode(rawValue: 4000), reason: "bye") }
        #expect(await eventually { probe.closeCode != nil && server.factory.handlers.first?.closeCode != nil })
        #expect(probe.events.all.last == .closed(4000, "bye"))
        #expect(server.factory.handlers.first?.events.all.last == .closed(4000, "bye"))
    }

    @Test func serverCloseReachesTheClient() async throws {
        let factory = ProbeFactory { webSocket, _, _ in webSocket.close(code: .goingAway, reason: "maintenance") }
        let server = try TestServer(factory: factory)
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probe = ProbeHandler()
        let webSocket = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        send(webSocket, .text, Array("close me".utf8))
        #expect(await eventually { probe.closeCode != nil && server.factory.handlers.first?.closeCode != nil })
        #expect(probe.events.all.last == .closed(1001, "maintenance"))
        #expect(server.factory.handlers.first?.events.all.last == .closed(1001, "maintenance"))
    }

    @Test(arguments: [
        (RawWebSocketClient.frame(0x8, []), UInt16?.none, UInt16(1005)),
        (RawWebSocketClient.frame(0x8, [0x03, 0xE8] + Array("done".utf8)), 1000, 1000),
        (RawWebSocketClient.frame(0x8, [0x03, 0xE7]), 1002, 1002),
        (RawWebSocketClient.frame(0x8, [0x03]), 1002, 1002),
    ])
    func rawCloseFramesGetTheRightAnswer(frame: [UInt8], answer: UInt16?, reported: UInt16) async throws {
        let server = try TestServer()
        defer { server.shutdown() }
        let raw = try RawWebSocketClient(port: server.port)
        #expect(try raw.handshake().hasPrefix("HTTP/1.1 101 "))
        try raw.write(frame)
        #expect(try raw.readClose() == .frame(answer))
        #expect(try raw.readFrame() == nil, "the server closes the TCP connection after the close frame")
        #expect(await eventually { server.factory.handlers.first?.closeCode != nil })
        #expect(server.factory.handlers.first?.closeCode == reported)
    }

    @Test func unansweredCloseIsAbortedAfterTheCloseTimeout() async throws {
        let factory = ProbeFactory { webSocket, _, _ in webSocket.close(code: CloseCode(rawValue: 4100)) }
        let server = try TestServer(configuration: WebSocketServerConfiguration(closeTimeout: .milliseconds(100)),
                                    factory: factory)
        defer { server.shutdown() }
        let raw = try RawWebSocketClient(port: server.port)
        #expect(try raw.handshake().hasPrefix("HTTP/1.1 101 "))
        try raw.write(RawWebSocketClient.frame(0x1, Array("close please".utf8)))
        #expect(try raw.readClose() == .frame(4100))
        #expect(try await eventually { try await server.total { $0.closeHandshakeTimeouts } == 1 })
        #expect(try raw.readFrame() == nil)
        #expect(await eventually { server.factory.handlers.first?.closeCode == 4100 })
    }

    @Test func slowConsumerIsClosedWithTheConfiguredCodeAndNeighboursAreUnaffected() async throws {
        let flood = 128, chunk = 64 * 1024
        let factory = ProbeFactory { webSocket, payload, kind in
            if payload.elementsEqual("flood".utf8) {
                let big = EncodedMessage(.binary, pattern(chunk))
                for _ in 0..<flood { webSocket.send(big) }
            } else {
                webSocket.send(kind, payload)
            }
        }
        let configuration = WebSocketServerConfiguration(closeTimeout: .seconds(20), outboundCap: 256 * 1024,
                                                         slowConsumerCloseCode: CloseCode(rawValue: 4001))
        let server = try TestServer(loops: 1, configuration: configuration, factory: factory)
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let slow = try RawWebSocketClient(port: server.port, receiveBuffer: 4096)
        #expect(try slow.handshake().hasPrefix("HTTP/1.1 101 "))
        try slow.write(RawWebSocketClient.frame(0x1, Array("flood".utf8)))
        #expect(try await eventually { try await server.total { $0.slowConsumers } == 1 })
        let probe = ProbeHandler()
        let neighbour = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        send(neighbour, .binary, pattern(1000))
        #expect(await eventually { probe.messages.count == 1 })
        #expect(probe.messages.first?.1 == pattern(1000))
        var frames = 0
        var closeCode: UInt16?
        while let frame = try slow.readFrame() {
            if frame.opcode == 0x8 {
                closeCode = UInt16(frame.payload[0]) << 8 | UInt16(frame.payload[1])
                break
            }
            frames += 1
        }
        #expect(closeCode == 4001)
        #expect(frames == flood)
        #expect(await eventually { server.factory.handlers.first?.closeCode != nil })
        #expect(server.factory.handlers.first?.closeCode == 4001)
        #expect(probe.closeCode == nil)
    }
}
