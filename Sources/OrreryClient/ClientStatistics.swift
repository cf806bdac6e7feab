/// What one client connection (or, merged, a swarm of them) saw. Counters only grow.
public struct ClientStatistics: Hashable, Sendable {
    /// TCP + WebSocket connections tried, those that failed before opening, and those that opened.
    public var connectAttempts: UInt64 = 0
    public var connectFailures: UInt64 = 0
    public var connectionsOpened: UInt64 = 0
    /// Welcomes after a join, after a resume, and resumes the server answered with a reset (history gone).
    public var joins: UInt64 = 0
    public var resumes: UInt64 = 0
    public var resumesReset: UInt64 = 0
    /// Joins anew because the server rejected a resume (4003).
    public var resumesRejected: UInt64 = 0
    /// Connections lost without the client asking (server close, reset, silence), and ones the client ended.
    public var drops: UInt64 = 0
    public var plannedDisconnects: UInt64 = 0
    /// Connections dropped because nothing arrived for 3 keep-alive periods (or no welcome in time).
    public var silences: UInt64 = 0
    /// Messages and payload bytes received.
    public var messages: UInt64 = 0
    public var bytes: UInt64 = 0
    /// Event frames, resets and pongs received (and accepted).
    public var frames: UInt64 = 0
    public var resets: UInt64 = 0
    public var pongs: UInt64 = 0
    /// Inputs sent, and those acknowledged by a frame's last applied input seq.
    public var inputsSent: UInt64 = 0
    public var inputsAcknowledged: UInt64 = 0
    /// Game commands sent and game messages received (version 2).
    public var commandsSent: UInt64 = 0
    public var gameMessages: UInt64 = 0
    /// Input → acknowledgement latency, in microseconds.
    public var inputLatency = LatencyHistogram()
    /// Ping round-trip times, in microseconds.
    public var roundTrip = LatencyHistogram()
    /// Failed protocol checks by kind.
    public var checks = CheckCounts()
    /// How connections ended, by WebSocket close code (1006: without a close frame).
    public var closeCodes: [UInt16: UInt64] = [:]
    /// Error messages received, by code.
    public var serverErrors: [UInt16: UInt64] = [:]
    /// Connections that stopped for good on their own (not asked to), e.g. after 4001 or a 404.
    public var fatalStops: UInt64 = 0

    public init() {}

    /// Adds `other` into this (for a swarm's totals).
    public mutating func merge(_ other: ClientStatistics) {
        connectAttempts &+= other.connectAttempts
        connectFailures &+= other.connectFailures
        connectionsOpened &+= other.connectionsOpened
        joins &+= other.joins
        resumes &+= other.resumes
        resumesReset &+= other.resumesReset
        resumesRejected &+= other.resumesRejected
        drops &+= other.drops
        plannedDisconnects &+= other.plannedDisconnects
        silences &+= other.silences
        messages &+= other.messages
        bytes &+= other.bytes
        frames &+= other.frames
        resets &+= other.resets
        pongs &+= other.pongs
        inputsSent &+= other.inputsSent
        inputsAcknowledged &+= other.inputsAcknowledged
        commandsSent &+= other.commandsSent
        gameMessages &+= other.gameMessages
        inputLatency.merge(other.inputLatency)
        roundTrip.merge(other.roundTrip)
        checks.merge(other.checks)
        closeCodes.merge(other.closeCodes, uniquingKeysWith: &+)
        serverErrors.merge(other.serverErrors, uniquingKeysWith: &+)
        fatalStops &+= other.fatalStops
    }
}
