import Foundation
import OrreryArena
import OrreryClient
import OrreryNet
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
        #expect(reason == "the server refused the upgrade with HTTP 404")
        #expect(try await onLoop(loop) { client.isFinished && client.statistics.fatalStops == 1 })
    }

    static func look(_ client: ClientConnection) -> Seen {
        Seen(state: client.state, statistics: client.statistics, entities: client.replica.entities.count,
             estimate: client.estimatedServerTick(at: MonotonicTime.now().nanoseconds),
             replicaTick: client.replica.tick, roundTrip: client.roundTripMicroseconds)
    }
}
