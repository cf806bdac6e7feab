import OrreryNet
import OrreryPosix
import OrreryWebSocket
import Synchronization
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct WebSocketMoveAndErrorTests {
    @Test func connectionMovedAfterUpgradeKeepsWorkingOnTheNewLoop() async throws {
        let universe = try EventLoopGroup(loopCount: 1, name: "test-universe")
        let target = universe.loops[0]
        let landed = Recorder<Bool>()
        let factory = ProbeFactory { webSocket, payload, kind in
            let onTarget = webSocket.loop === target && target.isOnLoopThread
            if payload.elementsEqual("move".utf8) {
                webSocket.send(text: "moving")
                webSocket.move(to: target) { moved in landed.record(moved.loop === target && target.isOnLoopThread) }
            } else {
                webSocket.send(kind, Array((onTarget ? "target:" : "origin:").utf8) + payload)
            }
        }
        let server = try TestServer(loops: 1, factory: factory)
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
            universe.shutdown()
        }
        let probe = ProbeHandler()
        let webSocket = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        // "move" and the next two messages leave in one write, so they arrive in one read: the two
        // after the move must be handled on the target loop.
        webSocket.loop.execute {
            webSocket.send(text: "before")
            webSocket.send(text: "move")
            webSocket.send(text: "a")
            webSocket.send(.binary, pattern(100_000))
        }
        #expect(await eventually { probe.messages.count == 4 })
        #expect(landed.all == [true])
        let replies = probe.messages.map(\.1)
        #expect(replies.prefix(3).map { String(decoding: $0, as: UTF8.self) } == ["origin:before", "moving", "target:a"])
        #expect(replies.last == Array("target:".utf8) + pattern(100_000))
        #expect(try await target.submit { target.webSocketConnections.count } == 1)
        #expect(try await server.total { UInt64($0.messagesIn) } == 2)
        send(webSocket, .text, Array("later".utf8))
        #expect(await eventually { probe.messages.count == 5 })
        #expect(probe.messages.last?.1 == Array("target:later".utf8))
        webSocket.loop.execute { webSocket.close() }
        #expect(await eventually { server.factory.handlers.first?.closeCode == 1000 })
    }

    static let malformed: [(String, [UInt8], UInt16)] = [
        ("unmasked frame", RawWebSocketClient.frame(0x2, [1, 2, 3], masked: false), 1002),
        ("reserved bit", RawWebSocketClient.frame(0x2, [1], rsv: 0x4), 1002),
        ("reserved opcode", RawWebSocketClient.frame(0x3, [1]), 1002),
        ("fragmented ping", RawWebSocketClient.frame(0x9, [1], fin: false), 1002),
        ("long ping", RawWebSocketClient.frame(0x9, [UInt8](repeating: 7, count: 126)), 1002),
        ("stray continuation", RawWebSocketClient.frame(0x0, [1]), 1002),
        ("invalid UTF-8", RawWebSocketClient.frame(0x1, [0x41, 0xC0, 0xAF]), 1007),
        ("surrogate in UTF-8", RawWebSocketClient.frame(0x1, [0xED, 0xA0, 0x80]), 1007),
        ("declared length over the cap", RawWebSocketClient.frame(0x2, [], declaredLength: 1 << 21), 1009),
        ("64-bit length with the top bit", RawWebSocketClient.frame(0x2, [], declaredLength: 1 << 63), 1002),
    ]

    @Test(arguments: malformed)
    func malformedFrameClosesWithItsCodeAndSparesOthers(name: String, frame: [UInt8], code: UInt16) async throws {
        let server = try TestServer(loops: 1)
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probe = ProbeHandler()
        let neighbour = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        let raw = try RawWebSocketClient(port: server.port)
        #expect(try raw.handshake().hasPrefix("HTTP/1.1 101 "))
        try raw.write(RawWebSocketClient.frame(0x1, Array("fine".utf8)) + frame)
        #expect(try raw.readFrame()?.payload == Array("fine".utf8), "\(name)")
        #expect(try raw.readClose() == .frame(code), "\(name)")
        #expect(try raw.readFrame() == nil, "\(name): the server closes the connection")
        #expect(try await server.total { $0.protocolErrors[code] ?? 0 } == 1)
        send(neighbour, .text, Array("unaffected".utf8))
        #expect(await eventually { probe.messages.count == 1 })
        #expect(probe.closeCode == nil)
    }
}
