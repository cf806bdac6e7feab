/// WebSocket counters of one loop: plain stored values, written only on the loop thread
/// (read them there, e.g. with `EventLoop.submit`). Frames and messages count data and control
/// frames alike; payload bytes count data message payloads only.
public struct WebSocketCounters: Equatable, Sendable {
    /// Server handshakes that ended in an upgrade.
    public var handshakesCompleted: UInt64 = 0
    /// Server handshakes answered with an error, by HTTP status code (400, 403, 404, 405, 426, 431, ...).
    public var handshakesRejected: [Int: UInt64] = [:]
    /// Server connections closed because the request head did not arrive before the deadline.
    public var handshakeTimeouts: UInt64 = 0
    /// Accepted connections refused at once (503) because their address already had
    /// `maximumPendingHandshakesPerAddress` connections whose request head had not arrived.
    public var pendingHandshakeRefusals: UInt64 = 0
    /// Plain HTTP requests answered (health checks and other routes), by status code.
    public var httpResponses: [Int: UInt64] = [:]
    /// Client handshakes that failed (connect error, refusal, bad response, timeout).
    public var clientHandshakesFailed: UInt64 = 0
    /// Connections failed for a peer protocol violation, by the close code sent (1002, 1007, 1009, ...).
    public var protocolErrors: [UInt16: UInt64] = [:]
    /// Frames received.
    public var framesIn: UInt64 = 0
    /// Frames queued for sending.
    public var framesOut: UInt64 = 0
    /// Data messages received.
    public var messagesIn: UInt64 = 0
    /// Data messages queued for sending.
    public var messagesOut: UInt64 = 0
    /// Payload bytes of data messages received.
    public var payloadBytesIn: UInt64 = 0
    /// Payload bytes of data messages queued for sending.
    public var payloadBytesOut: UInt64 = 0
    /// Heartbeat pings sent.
    public var pingsSent: UInt64 = 0
    /// Connections closed because their outbound buffer went over its cap.
    public var slowConsumers: UInt64 = 0
    /// Connections terminated because nothing arrived within the heartbeat timeout.
    public var heartbeatTimeouts: UInt64 = 0
    /// Connections aborted because the peer did not answer our close frame in time.
    public var closeHandshakeTimeouts: UInt64 = 0

    /// Zero everywhere.
    public init() {}

    /// Counts one data message queued for sending (one exclusive access instead of three).
    mutating func countMessageOut(payloadBytes: Int) {
        framesOut &+= 1
        messagesOut &+= 1
        payloadBytesOut &+= UInt64(payloadBytes)
    }

    /// Counts what one read delivered.
    mutating func countReceived(frames: UInt64, messages: UInt64, payloadBytes: UInt64) {
        framesIn &+= frames
        messagesIn &+= messages
        payloadBytesIn &+= payloadBytes
    }
}
