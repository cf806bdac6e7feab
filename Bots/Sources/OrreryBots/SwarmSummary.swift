import Foundation
import OrreryClient

/// The final summary as JSON (`orrery bots --json`): one object with sorted keys.
public struct SwarmSummary: Encodable, Sendable {
    public var passed: Bool
    public var seconds: Double
    public var bots: Int
    public var started: Int
    public var liveAtEnd: Int
    public var welcomed: Int
    public var neverWelcomed: Int
    public var stoppedOnTheirOwn: UInt64
    public var connectionsOpened: UInt64
    public var reconnects: UInt64
    public var joins: UInt64
    public var resumes: UInt64
    public var resumesReset: UInt64
    public var resumesRejected: UInt64
    public var connectFailures: UInt64
    public var drops: UInt64
    public var plannedDisconnects: UInt64
    public var silences: UInt64
    public var frames: UInt64
    public var resets: UInt64
    public var bytes: UInt64
    public var pongs: UInt64
    public var inputsSent: UInt64
    public var inputsAcknowledged: UInt64
    /// Game commands sent and game messages received (version 2).
    public var commandsSent: UInt64
    public var gameMessages: UInt64
    /// Input → ack latency quantiles in milliseconds (nil when no input was acknowledged).
    public var inputLatencyP50Ms: Double?
    public var inputLatencyP99Ms: Double?
    public var inputLatencyMaxMs: Double?
    public var roundTripP50Ms: Double?
    public var roundTripP99Ms: Double?
    public var errors: UInt64
    public var failedChecks: UInt64
    /// Failed checks by kind name (every kind, zeros included).
    public var checks: [String: UInt64]
    public var checkSamples: [String]
    /// Connection ends by close code, and error messages by code (keys are the codes as text).
    public var closeCodes: [String: UInt64]
    public var serverErrors: [String: UInt64]
    public var stopReasons: [String: Int]

    /// The summary of `snapshot`.
    public init(_ snapshot: SwarmSnapshot) {
        let statistics = snapshot.statistics
        passed = snapshot.passed
        seconds = (snapshot.elapsedSeconds * 1000).rounded() / 1000
        bots = snapshot.bots
        started = snapshot.started
        liveAtEnd = snapshot.live
        welcomed = snapshot.welcomed
        neverWelcomed = snapshot.neverLive
        stoppedOnTheirOwn = statistics.fatalStops
        connectionsOpened = statistics.connectionsOpened
        reconnects = snapshot.reconnects
        joins = statistics.joins
        resumes = statistics.resumes
        resumesReset = statistics.resumesReset
        resumesRejected = statistics.resumesRejected
        connectFailures = statistics.connectFailures
        drops = statistics.drops
        plannedDisconnects = statistics.plannedDisconnects
        silences = statistics.silences
        frames = statistics.frames
        resets = statistics.resets
        bytes = statistics.bytes
        pongs = statistics.pongs
        inputsSent = statistics.inputsSent
        inputsAcknowledged = statistics.inputsAcknowledged
        commandsSent = statistics.commandsSent
        gameMessages = statistics.gameMessages
        let milliseconds: (Int64?) -> Double? = { $0.map { Double($0) / 1000 } }
        inputLatencyP50Ms = milliseconds(statistics.inputLatency.quantile(0.5))
        inputLatencyP99Ms = milliseconds(statistics.inputLatency.quantile(0.99))
        inputLatencyMaxMs = statistics.inputLatency.count > 0 ? milliseconds(statistics.inputLatency.maximum) : nil
        roundTripP50Ms = milliseconds(statistics.roundTrip.quantile(0.5))
        roundTripP99Ms = milliseconds(statistics.roundTrip.quantile(0.99))
        errors = snapshot.errors
        failedChecks = snapshot.failedChecks
        checks = Dictionary(uniqueKeysWithValues: CheckKind.allCases.map { ($0.name, statistics.checks[$0]) })
        checkSamples = statistics.checks.samples
        closeCodes = Dictionary(uniqueKeysWithValues: statistics.closeCodes.map { ("\($0.key)", $0.value) })
        serverErrors = Dictionary(uniqueKeysWithValues: statistics.serverErrors.map { ("\($0.key)", $0.value) })
        stopReasons = snapshot.stopReasons
    }

    /// The summary as one line of JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
