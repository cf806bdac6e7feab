import OrreryNet
import OrreryPosix
import OrreryWebSocket
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct WebSocketEchoTests {
    static let sizes = [0, 125, 126, 65535, 65536, 1 << 20]

    @Test func echoesTextAndBinaryOfEverySizeUpToTheCap() async throws {
        let server = try TestServer(loops: 2)
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probe = ProbeHandler()
        let webSocket = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        var expected: [(MessageKind, [UInt8])] = []
        for size in Self.sizes {
            for kind in [MessageKind.text, .binary] {
                let payload = kind == .text ? textPayload(size) : pattern(size, seed: size)
                send(webSocket, kind, payload)
                expected.append((kind, payload))
                #expect(await eventually { probe.messages.count == expected.count })
            }
        }
        let received = probe.messages
        #expect(received.map(\.0) == expected.map(\.0))
        #expect(received.map(\.1) == expected.map(\.1))
        #expect(try await server.total { $0.messagesIn } == UInt64(expected.count))
        #expect(try await server.total { $0.payloadBytesOut } == UInt64(expected.reduce(0) { $0 + $1.1.count }))
    }

    @Test func oneByteOverTheCapClosesWith1009() async throws {
        let server = try TestServer()
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probe = ProbeHandler()
        let webSocket = try await connectClient(on: clients.loops[0], port: server.port, handler: probe).get()
        send(webSocket, .binary, pattern((1 << 20) + 1))
        #expect(await eventually { probe.closeCode != nil })
        #expect(probe.closeCode == 1009)
        #expect(probe.messages.isEmpty)
        #expect(await eventually { server.factory.handlers.first?.closeCode != nil })
        #expect(server.factory.handlers.first?.closeCode == 1009)
        #expect(try await server.total { $0.protocolErrors[1009] ?? 0 } == 1)
    }

    @Test func broadcastReachesEveryClientOnEveryLoop() async throws {
        let factory = ProbeFactory { webSocket, payload, kind in
            let message = EncodedMessage(kind, payload)
            for peer in webSocket.loop.webSocketConnections { peer.send(message) }
        }
        let server = try TestServer(loops: 1, factory: factory)
        let clients = try EventLoopGroup(loopCount: 2, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probes = (0..<4).map { _ in ProbeHandler() }
        var sockets: [WebSocketConnection] = []
        for (index, probe) in probes.enumerated() {
            sockets.append(try await connectClient(on: clients.loops[index % 2], port: server.port, handler: probe).get())
        }
        #expect(try await eventually { try await server.total { $0.handshakesCompleted } == 4 })
        send(sockets[1], .text, Array("hello everyone".utf8))
        send(sockets[2], .binary, pattern(70_000))
        for probe in probes {
            #expect(await eventually { probe.messages.count == 2 })
            let texts = probe.messages.filter { $0.0 == .text }.map(\.1)
            let binaries = probe.messages.filter { $0.0 == .binary }.map(\.1)
            #expect(texts == [Array("hello everyone".utf8)])
            #expect(binaries == [pattern(70_000)])
        }
    }

    @Test func subprotocolIsNegotiatedAndPathQueryHeadersAreVisible() async throws {
        let seen = Recorder<String>()
        let factory = ProbeFactory { webSocket, _, _ in
            seen.record("\(webSocket.path)|\(webSocket.query ?? "-")|\(webSocket.selectedProtocol ?? "-")|"
                        + (webSocket.headers["X-Player"] ?? "-"))
        }
        var configuration = WebSocketServerConfiguration()
        configuration.handshake.supportedProtocols = ["orrery.v2", "orrery.v1"]
        let server = try TestServer(configuration: configuration, factory: factory)
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let probe = ProbeHandler()
        let url = WebSocketURL(host: "127.0.0.1", port: server.port, path: "/play", query: "u=demo")
        let result = await withCheckedContinuation { continuation in
            clients.loops[0].execute {
                clients.loops[0].connectWebSocket(
                    to: url, configuration: WebSocketClientConfiguration(protocols: ["orrery.v1", "orrery.v2"],
                                                                         headers: [("X-Player", "42")]),
                    handler: probe) { continuation.resume(returning: $0) }
            }
        }
        let webSocket = try result.get()
        #expect(webSocket.selectedProtocol == "orrery.v2")
        send(webSocket, .text, Array("hi".utf8))
        #expect(await eventually { seen.all.count == 1 })
        #expect(seen.all == ["/play|u=demo|orrery.v2|42"])
    }

    @Test func clientReportsRefusedAndRejectedConnections() async throws {
        let server = try TestServer { upgrade in upgrade.path == "/ok" ? nil : .reject(.notFound) }
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            server.shutdown()
        }
        let rejected = await connectClient(on: clients.loops[0], port: server.port, path: "/nope", handler: ProbeHandler())
        #expect(throws: WebSocketClientError.handshake(.unexpectedStatus(404))) { try rejected.get() }
        server.listener.close()
        #expect(await eventually {
            if case .failure(.connect) = await connectClient(on: clients.loops[0], port: server.port, handler: ProbeHandler()) {
                return true
            }
            return false
        })
    }
}
