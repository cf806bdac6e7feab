import Foundation
import OrreryArena
import OrreryClient
import OrreryNet
import OrreryPosix
import OrreryServer
import OrreryWire
import Synchronization
import Testing

/// Single client connections against an in-process relay.
@Suite(.serialized) struct ClientConnectionTests {
    struct Seen: Sendable {
        var state: ClientState
        var statistics: ClientStatistics
        var entities: Int
        var estimate: Double?
        var replicaTick: UInt64
        var roundTrip: Int64?
    }

    /// Runs `body` on `loop` and returns its result.
    func onLoop<T: Sendable>(_ loop: EventLoop, _ body: @escaping @Sendable () -> T) async throws -> T {
        try await loop.submit(body)
    }

    func relay() throws -> RelayServer {
        var configuration = RelayConfiguration()
        configuration.port = 0
        configuration.loops = 1
        configuration.universes = ["alpha"]
        configuration.worldMetres = 400
        configuration.rules = ArenaRules.factory(asteroids: 80, npcs: 10)
        configuration.pingIntervalSeconds = 0
        return try RelayServer(configuration: configuration, logger: Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in }))
    }

    @Test func aSpectatorWithARegionSeesOnlyItsRegionAndMeasuresTheRoundTrip() async throws {
        let server = try relay()
        defer { server.shutdown(timeout: .seconds(2)) }
        let group = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { group.shutdown() }
        let loop = group.loops[0]
        var configuration = ClientConfiguration(address: try GameAddress(host: "127.0.0.1", port: server.port, universe: "alpha"),
                                                role: .spectator, region: Region(x: 0, y: 0, width: 200 * 256, height: 200 * 256))
        configuration.pingInterval = .milliseconds(100)
        let client = ClientConnection(loop: loop, configuration: configuration)
        let settings = configuration
        loop.execute { client.start() }
        var seen = try await onLoop(loop) { Self.look(client) }
        for _ in 0..<3000 where seen.statistics.frames < 5 || seen.statistics.pongs < 3 {
            try await Task.sleep(for: .milliseconds(20))
            seen = try await onLoop(loop) { Self.look(client) }
        }
        #expect(seen.state == .live)
        #expect(seen.statistics.frames >= 5 && seen.statistics.checks.total == 0, "\(seen.statistics.checks.samples)")
        #expect(seen.statistics.joins == 1 && seen.statistics.pongs >= 3 && seen.roundTrip != nil)
        #expect(seen.entities > 0)
        // The estimate runs ahead of (or with) the last frame's tick, never behind it.
        #expect(try #require(seen.estimate) >= Double(seen.replicaTick))
        // Every entity held is inside the region grown by the hysteresis (the checker counted none outside).
        #expect(seen.statistics.checks[.outsideView] == 0)
        #expect(settings.region != nil)
        let finished = try await onLoop(loop) { () -> Bool in
            client.stop()
            return client.state == .stopped
        }
        #expect(finished)
    }

    @Test func aCutConnectionResumesWithoutAGapAndInputsAreAcknowledged() async throws {
        let server = try relay()
        defer { server.shutdown(timeout: .seconds(2)) }
        let group = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { group.shutdown() }
        let loop = group.loops[0]
        let configuration = ClientConfiguration(address: try GameAddress(host: "127.0.0.1", port: server.port, universe: "alpha"))
        let client = ClientConnection(loop: loop, configuration: configuration)
        loop.execute { client.start() }
        var seen = try await onLoop(loop) { Self.look(client) }
        for _ in 0..<3000 where seen.state != .live {
            try await Task.sleep(for: .milliseconds(20))
            seen = try await onLoop(loop) { Self.look(client) }
        }
        let sent = try await onLoop(loop) { () -> UInt32? in
            let seq = client.sendInput(heading: 100, throttle: 255, actions: 1)
            client.disconnect(abruptly: true, then: .resume(after: .milliseconds(300)))
            return seq
        }
        #expect(sent == 1)
        let framesBefore = seen.statistics.frames
        for _ in 0..<3000 where seen.statistics.resumes < 1 || seen.state != .live || seen.statistics.frames <= framesBefore {
            try await Task.sleep(for: .milliseconds(20))
            seen = try await onLoop(loop) { Self.look(client) }
        }
        #expect(seen.statistics.resumes == 1 && seen.statistics.joins == 1 && seen.statistics.resumesRejected == 0)
        #expect(seen.statistics.checks.total == 0, "\(seen.statistics.checks.samples)")
        let acknowledged = try await onLoop(loop) { () -> UInt32? in client.sendInput(heading: 0, throttle: 0, actions: 0) }
        #expect(acknowledged == 2)
        for _ in 0..<3000 where seen.statistics.inputsAcknowledged < 1 {
            try await Task.sleep(for: .milliseconds(20))
            seen = try await onLoop(loop) { Self.look(client) }
        }
        #expect(seen.statistics.inputsAcknowledged == 1 && seen.statistics.inputLatency.count == 1)
        _ = try await onLoop(loop) { client.stop() }
    }

    @Test func anUnknownUniverseStopsTheClientWithTheReason() async throws {
        let server = try relay()
        defer { server.shutdown(timeout: .seconds(2)) }
        let group = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { group.shutdown() }
        let loop = group.loops[0]
        let configuration = ClientConfiguration(address: try GameAddress(host: "127.0.0.1", port: server.port, universe: "nowhere"))
        let client = ClientConnection(loop: loop, configuration: configuration)
        loop.execute { client.start() }
        var reason: String?
        for _ in 0..<3000 where reason == nil {
            try await Task.sleep(for: .milliseconds(10))
            reason = try await onLoop(loop) { client.stopReason }
        }
        #expect(reason == "the server refused the upgrade with HTTP 404: no such universe on this server (GET /universes lists them)")
        #expect(try await onLoop(loop) { client.isFinished && client.statistics.fatalStops == 1 })
        #expect(try await onLoop(loop) { client.statistics.refusedUpgrades } == [404: 1])
    }

    /// Waits (a hang guard) until the client stopped on its own, and returns its stop reason and attempts.
    private func stopReason(of client: ClientConnection, on loop: EventLoop) async throws -> (String?, UInt64) {
        for _ in 0..<3000 where try await onLoop(loop, { client.stopReason }) == nil {
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await onLoop(loop) { (client.stopReason, client.statistics.connectAttempts) }
    }

    @Test func aDeadServerIsNamedAndAStartupTimeoutGivesUp() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { group.shutdown() }
        let loop = group.loops[0]
        let port = 1  // nothing listens on port 1 here (as the swarm tests assume too)
        var configuration = ClientConfiguration(address: try GameAddress(host: "127.0.0.1", port: port, universe: "alpha"))
        configuration.reconnect = ReconnectPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(40))
        let patient = ClientConnection(loop: loop, configuration: configuration)
        configuration.startupTimeout = .milliseconds(300)
        let impatient = ClientConnection(loop: loop, configuration: configuration)
        loop.execute {
            patient.start()
            impatient.start()
        }
        let (reason, attempts) = try await stopReason(of: impatient, on: loop)
        let refused = "connection refused by 127.0.0.1:\(port): is the server running on that port?"
        #expect(reason == "not welcomed within 0.3 seconds (\(attempts) attempts): \(refused)")
        #expect(attempts >= 2)
        // Without a startup timeout the client keeps trying, but says why it cannot get in.
        let patientNow = try await onLoop(loop) { (patient.state, patient.lastFailure, patient.statistics.connectFailures) }
        #expect(patientNow.0 != .stopped && patientNow.1 == refused && patientNow.2 >= 2)
        _ = try await onLoop(loop) { patient.stop() }
    }

    @Test func aStartupTimeoutAlsoEndsRefusedJoins() async throws {
        var settings = RelayConfiguration()
        settings.port = 0
        settings.loops = 1
        settings.universes = ["alpha"]
        settings.policy.maximumSpectators = 1
        let server = try RelayServer(configuration: settings, logger: Logger(minimumLevel: .error, clock: { 0 }, sink: { _ in }))
        defer { server.shutdown(timeout: .seconds(2)) }
        let group = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { group.shutdown() }
        let loop = group.loops[0]
        var configuration = ClientConfiguration(address: try GameAddress(host: "127.0.0.1", port: server.port, universe: "alpha"),
                                                role: .spectator)
        configuration.reconnect = ReconnectPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(40))
        let first = ClientConnection(loop: loop, configuration: configuration)
        loop.execute { first.start() }
        for _ in 0..<3000 where try await onLoop(loop, { first.state }) != .live {
            try await Task.sleep(for: .milliseconds(10))
        }
        configuration.startupTimeout = .milliseconds(300)
        let second = ClientConnection(loop: loop, configuration: configuration)
        loop.execute { second.start() }
        let (reason, attempts) = try await stopReason(of: second, on: loop)
        #expect(reason?.hasPrefix("not welcomed within 0.3 seconds (\(attempts) attempts): closed with 4002") == true,
                "\(reason ?? "nil")")
        #expect(try await onLoop(loop) { second.statistics.closeCodes[4002, default: 0] } >= 2)
        _ = try await onLoop(loop) { first.stop() }
    }

    @Test func aHostNameIsRefusedAtOnceWithTheReason() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { group.shutdown() }
        let loop = group.loops[0]
        let client = ClientConnection(loop: loop, configuration: ClientConfiguration(
            address: try GameAddress(host: "game.example", port: 80, universe: "alpha")))
        loop.execute { client.start() }
        let (reason, attempts) = try await stopReason(of: client, on: loop)
        #expect(reason == "cannot connect to 'game.example': give a numeric IPv4 or IPv6 address or localhost")
        #expect(attempts == 1)
    }

    @Test func numericHostsPassAndNamesAreLookedUp() throws {
        #expect(try GameAddress.numericHost("127.0.0.1", port: 80) == "127.0.0.1")
        #expect(try GameAddress.numericHost("[::1]", port: 80) == "[::1]")
        #expect(try GameAddress.numericHost("localhost", port: 80) == "localhost")
        #expect(throws: PosixError.self) { try GameAddress.numericHost("nothing.invalid", port: 80) }
    }

    @Test func everyRefusalStatusIsExplained() throws {
        let address = try GameAddress(host: "127.0.0.1", port: 9, universe: "alpha")
        for status in [400, 401, 403, 404, 426, 429, 503] {
            let text = ClientConnection.explain(.handshake(.unexpectedStatus(status)), address: address)
            #expect(text.hasPrefix("the server refused the upgrade with HTTP \(status): "), "\(text)")
            #expect(ClientConnection.meaning(ofStatus: status) != nil)
        }
        #expect(ClientConnection.explain(.handshake(.unexpectedStatus(500)), address: address)
                    == "the server refused the upgrade with HTTP 500")
        #expect(ClientConnection.explain(.connect(.system(call: "connect", errno: .timedOut)), address: address)
                    == "no answer from 127.0.0.1:9 within the connect timeout")
        #expect(ClientConnection.explain(.handshakeTimedOut, address: address).contains("did not answer the upgrade"))
    }

    static func look(_ client: ClientConnection) -> Seen {
        Seen(state: client.state, statistics: client.statistics, entities: client.replica.entities.count,
             estimate: client.estimatedServerTick(at: MonotonicTime.now().nanoseconds),
             replicaTick: client.replica.tick, roundTrip: client.roundTripMicroseconds)
    }
}
