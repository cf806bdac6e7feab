import OrreryArena
import OrreryNet
import OrreryServer
import OrreryWebSocket
import OrreryWire
import TestSupport
import Testing

/// One test per limit of `orrery serve`, over real sockets. None may disturb another player.
@Suite(.serialized) struct RelayLimitTests {
    @Test func connectionsBeyondTheTotalAreRefusedWith503() async throws {
        let fixture = try RelayFixture { $0.maximumConnections = 3 }
        var clients: [GameClient] = []
        for _ in 0..<3 { clients.append(try await fixture.join("demo")) }
        let extra = GameClient(universe: "demo", truth: nil)
        #expect(fixture.status(of: await fixture.open(extra)) == 503)
        clients[0].cut()
        #expect(await eventually { fixture.server.metricsSnapshot().gauge(ServerMetrics.connections) == 2 })
        #expect(await eventually { await fixture.open(GameClient(universe: "demo", truth: nil)) == nil })
        #expect(await eventually { fixture.counter(ServerMetrics.handshakesRejected, ["connection_limit"]) == 1 })
        #expect(clients[1].snapshot.closeCode == nil && clients[1].snapshot.problems.isEmpty)
    }

    @Test func connectionsBeyondThePerAddressLimitAreRefusedWith503() async throws {
        let fixture = try RelayFixture { $0.maximumConnectionsPerIP = 2 }
        let first = try await fixture.join("demo")
        _ = try await fixture.join("demo")
        #expect(fixture.status(of: await fixture.open(GameClient(universe: "demo", truth: nil))) == 503)
        #expect(await eventually { fixture.counter(ServerMetrics.handshakesRejected, ["ip_connection_limit"]) == 1 })
        #expect(first.snapshot.closeCode == nil)
    }

    @Test func handshakesBeyondTheRatePerAddressAreRefusedWith429() async throws {
        let fixture = try RelayFixture { $0.handshakesPerIPPerSecond = 0.5 }
        #expect(await fixture.open(GameClient(universe: "demo", truth: nil)) == nil)
        let second = await fixture.open(GameClient(universe: "demo", truth: nil))
        #expect(fixture.status(of: second) == 429)
        #expect(await eventually { fixture.counter(ServerMetrics.handshakesRejected, ["rate_limited"]) == 1 })
    }

    @Test func floodingInputIsDroppedThenClosedWith1008() async throws {
        let fixture = try RelayFixture {
            $0.policy.input = InputLimiter.Policy(ratePerSecond: 10, burst: 5, maximumDrops: 20)
        }
        let calm = try await fixture.join("demo")
        let flooder = try await fixture.join("demo")
        for seq in 1...200 {
            flooder.send(.input(PlayerInput(seq: UInt32(seq), heading: 0, throttle: 255, actions: 1)))
        }
        #expect(await eventually { flooder.snapshot.closeCode == 1008 })
        #expect(flooder.snapshot.errors == [1008])
        let seen = calm.snapshot.replica.tick
        #expect(await eventually { calm.snapshot.replica.tick > seen + 50 })
        #expect(calm.snapshot.closeCode == nil && calm.snapshot.problems.isEmpty)
        #expect(await eventually {
            fixture.counter(ServerMetrics.protocolErrors, ["input_flood"]) == 1
                && fixture.counter(ServerMetrics.inputsRateLimited) >= 20
        })
    }

    @Test func oversizedMessagesClose1009() async throws {
        let fixture = try RelayFixture()
        let client = try await fixture.join("demo")
        client.sendRaw([UInt8](repeating: 3, count: WireProtocol.maxClientMessageBytes + 1))
        #expect(await eventually { client.snapshot.closeCode == 1009 })
        #expect(await eventually { fixture.counter(ServerMetrics.protocolErrors, ["websocket_1009"]) == 1 })
    }

    @Test func malformedMessagesGetAnErrorThenClose4000AndTextCloses1003() async throws {
        let fixture = try RelayFixture()
        let garbled = try await fixture.join("demo")
        let texter = try await fixture.join("demo")
        let calm = try await fixture.join("demo")
        garbled.sendRaw([0x7f, 0x00])
        texter.sendRaw(Array("hello".utf8), kind: .text)
        #expect(await eventually { garbled.snapshot.closeCode == 4000 && texter.snapshot.closeCode == 1003 })
        #expect(garbled.snapshot.errors == [4000] && texter.snapshot.errors.isEmpty)
        #expect(await eventually {
            fixture.counter(ServerMetrics.protocolErrors, ["malformed"]) == 1
                && fixture.counter(ServerMetrics.protocolErrors, ["text_message"]) == 1
        })
        #expect(calm.snapshot.closeCode == nil && calm.snapshot.problems.isEmpty)
    }

    @Test func aSlowConsumerIsClosedWith4004AndCanResume() async throws {
        let fixture = try RelayFixture {
            $0.rules = ArenaRules.factory(asteroids: 600, npcs: 10)
            $0.viewRadiusMetres = 800
            $0.outboundCap = 4096
            $0.socketSendBuffer = 4096
        }
        let raw = try RawClient(port: fixture.server.port, receiveBuffer: 2048)
        try raw.write("GET /universes/demo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Protocol: orrery.v1\r\n\r\n")
        var join: [UInt8] = []
        try WireEncoder.encode(.join(Join(role: .player)), into: &join)
        try raw.write(RawClient.binaryFrame(join))
        // The response head, then the welcome frame (2-byte header, then the message).
        let bytes = try raw.read { bytes in
            guard let end = bytes.indices.dropLast(3).first(where: { Array(bytes[$0..<($0 + 4)]) == [13, 10, 13, 10] }),
                  bytes.count >= end + 6 else { return false }
            return bytes.count >= end + 6 + Int(bytes[end + 5] & 0x7f)
        }
        let end = bytes.indices.dropLast(3).first { Array(bytes[$0..<($0 + 4)]) == [13, 10, 13, 10] }!
        guard case .welcome(let welcome) = try WireDecoder.decodeServerMessage(
            Array(bytes[(end + 6)..<(end + 6 + Int(bytes[end + 5] & 0x7f))])) else {
            Issue.record("no welcome")
            return
        }
        // Stop reading: the server's outbound buffer passes the cap.
        #expect(await eventually { fixture.counter(ServerMetrics.slowConsumersDropped) == 1 })
        // What was queued drains once the client reads again; it ends with a close frame carrying 4004.
        let rest = try raw.read { _ in false }
        let last = RawClient.frames(bytes[(end + 4)...] + rest[...]).last
        #expect(last?.opcode == 8 && last.map { Int($0.payload[0]) << 8 | Int($0.payload[1]) } == 4004)
        let resumed = GameClient(universe: "demo", truth: fixture.server.truthLog(for: "demo"))
        #expect(await fixture.open(resumed) == nil)
        var previous = GameClient.State()
        previous.replica.begin(welcome)
        previous.welcomes = [welcome]
        resumed.adopt(previous)
        resumed.send(.resume(Resume(token: welcome.resumeToken, lastSeq: 0)))
        #expect(await eventually { resumed.snapshot.frames >= 5 })
        let state = resumed.snapshot
        #expect(state.problems.isEmpty, "\(state.problems.prefix(3))")
        #expect(state.welcomes.count == 2 && state.welcomes[1].playerId == welcome.playerId)
        #expect(state.checks == state.frames + state.resets)
    }
}
