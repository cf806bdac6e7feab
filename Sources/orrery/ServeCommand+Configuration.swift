import Foundation
import OrreryArena
import OrreryJournal
import OrreryNet
import OrreryServer

extension ServeCommand {
    /// The relay configuration the options describe.
    static func configuration(_ options: ParsedOptions) throws(UsageError) -> RelayConfiguration {
        var configuration = RelayConfiguration()
        configuration.host = options.string("host") ?? "127.0.0.1"
        configuration.port = try options.int("port", in: 0...65535)
        configuration.loops = options.string("loops") == nil
            ? ProcessInfo.processInfo.activeProcessorCount : try options.int("loops", in: 1...256)
        let io = options.string("io") ?? "auto"
        guard let ioMode = IOMode(rawValue: io) else {
            throw .invalidValue(option: "io", value: io, expected: "auto, epoll or io_uring")
        }
        configuration.ioMode = ioMode
        configuration.tickRate = try options.int("tick-rate", in: 1...1000)
        configuration.universes = options.list("universes")
        for name in configuration.universes where !Ticket.isValidUniverse(name) {
            throw .invalidValue(option: "universes", value: name,
                                expected: "names of 1-32 characters from a-z, 0-9, _ and -")
        }
        configuration.createOnDemand = options.flag("create-on-demand")
        guard !configuration.universes.isEmpty || configuration.createOnDemand else {
            throw .invalidValue(option: "universes", value: "", expected: "at least one universe, or --create-on-demand")
        }
        configuration.maximumUniverses = try options.int("max-universes", in: 1...100_000)
        configuration.emptyUniverseLingerSeconds = try options.seconds("universe-linger", in: 0...86_400)
        configuration.policy.maximumPlayers = try options.int("players", in: 1...1_000_000)
        configuration.policy.maximumSpectators = try options.int("spectators", in: 0...1_000_000)
        configuration.worldMetres = Int32(try options.int("world", in: 1...(1 << 22)))
        configuration.viewRadiusMetres = Int32(try options.int("view-radius", in: 1...(1 << 21)))
        configuration.hysteresisMetres = Int32(try options.int("hysteresis", in: 0...(1 << 21)))
        let arena = try arenaConfig(options)
        configuration.rules = ArenaRules.factory(asteroids: arena.asteroidCount, npcs: arena.npcCount)
        configuration.seed = UInt64(try options.int("seed", in: 0...Int.max))
        if let secret = options.string("ticket-secret") {
            guard !secret.isEmpty else {
                throw .invalidValue(option: "ticket-secret", value: "", expected: "a non-empty secret")
            }
            configuration.ticketSecret = secret
        }
        let origins = options.list("allowed-origins")
        configuration.allowedOrigins = origins.isEmpty ? nil : Set(origins)
        configuration.maximumConnections = try options.int("max-connections", in: 1...10_000_000)
        configuration.maximumConnectionsPerIP = try options.int("max-connections-per-ip", in: 1...10_000_000)
        configuration.handshakesPerIPPerSecond = try options.double("handshake-rate", in: 0.01...1_000_000)
        if options.string("max-pending-handshakes-per-ip") != nil {
            configuration.maximumPendingHandshakesPerIP = try options.int("max-pending-handshakes-per-ip",
                                                                          in: 1...10_000_000)
        }
        configuration.httpRequestsPerIPPerSecond = try options.double("http-rate", in: 0.01...1_000_000)
        configuration.policy.input.ratePerSecond = try options.double("input-rate", in: 0.01...1_000_000)
        configuration.policy.input.burst = try options.double("input-burst", in: 1...1_000_000)
        configuration.policy.input.maximumDrops = try options.int("input-abuse", in: 1...1_000_000)
        configuration.maximumMessageBytes = try options.int("max-message", in: 16...65_536)
        configuration.outboundCap = try options.int("outbound-cap", in: 1024...(1 << 30))
        if options.string("socket-send-buffer") != nil {
            configuration.socketSendBuffer = try options.int("socket-send-buffer", in: 1024...(1 << 30))
        }
        configuration.policy.graceNanoseconds = nanoseconds(try options.seconds("grace", in: 0...86_400))
        configuration.policy.historySeconds = Int(try options.seconds("history", in: 0...600).rounded(.up))
        configuration.policy.helloTimeoutNanoseconds = nanoseconds(try options.seconds("hello-timeout",
                                                                                       in: 0.01...3600))
        configuration.policy.keepAliveTicks = UInt32(try options.int("keep-alive", in: 1...1_000_000))
        configuration.maximumCatchUpTicks = try options.int("max-catch-up", in: 0...1000)
        configuration.pingIntervalSeconds = try options.seconds("ping-interval", in: 0...86_400)
        configuration.closeTimeoutSeconds = try options.seconds("close-timeout", in: 0.01...3600)
        configuration.shutdownSeconds = try options.seconds("shutdown-timeout", in: 0...3600)
        configuration.publishSeconds = try options.seconds("metrics-interval", in: 0.01...3600)
        configuration.debugTruth = options.flag("debug-truth")
        if let directory = options.string("journal") {
            guard !directory.isEmpty else {
                throw .invalidValue(option: "journal", value: "", expected: "a directory")
            }
            configuration.journalDirectory = directory
        }
        configuration.journalPolicy = try journalPolicy(options)
        let limit = Int32(1 << 30) / 256
        guard configuration.worldMetres <= limit,
              configuration.viewRadiusMetres + configuration.hysteresisMetres <= limit / 2 else {
            throw .invalidValue(option: "world", value: "\(configuration.worldMetres)",
                                expected: "at most \(limit) metres, with view radius + hysteresis at most \(limit / 2)")
        }
        return configuration
    }

    /// The arena population the options describe (tuned per universe for its tick rate by the rules factory).
    static func arenaConfig(_ options: ParsedOptions) throws(UsageError) -> ArenaConfig {
        ArenaConfig(tickRate: try options.int("tick-rate", in: 1...1000),
                    asteroidCount: try options.int("asteroids", in: 0...1_000_000),
                    npcCount: try options.int("npcs", in: 0...1_000_000))
    }

    /// The journals' sync mode, snapshots, rotation and retention the options describe.
    static func journalPolicy(_ options: ParsedOptions) throws(UsageError) -> JournalPolicy {
        let interval = try options.seconds("journal-sync-interval", in: 0.001...3600)
        let mode: JournalSyncMode
        switch options.string("journal-sync") ?? "interval" {
        case "tick": mode = .everyTick
        case "interval": mode = .interval(milliseconds: max(1, Int((interval * 1000).rounded())))
        case "os": mode = .operatingSystem
        case let other: throw .invalidValue(option: "journal-sync", value: other, expected: "tick, interval or os")
        }
        return JournalPolicy(syncMode: mode,
                             snapshotIntervalTicks: UInt64(try options.int("journal-snapshot", in: 1...100_000_000)),
                             segmentBytes: try options.int("journal-segment", in: 4096...(1 << 40)),
                             retainedSegments: try options.int("journal-retain", in: 0...1_000_000))
    }

    private static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(seconds * 1e9)
    }
}
