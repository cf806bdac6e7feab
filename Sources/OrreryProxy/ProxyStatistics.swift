/// Counters of a `ProxyServer`, updated on its loop.
public struct ProxyStatistics: Equatable, Sendable, CustomStringConvertible {
    /// Client connections accepted.
    public var connectionsAccepted: UInt64 = 0
    /// Client connections not yet fully closed.
    public var connectionsOpen = 0
    /// Clients dropped because the upstream connection failed.
    public var upstreamFailures: UInt64 = 0
    /// Bytes handed to upstream connections.
    public var bytesToUpstream: UInt64 = 0
    /// Bytes handed to client connections.
    public var bytesToClient: UInt64 = 0
    /// Connections cut by the cut schedule.
    public var cuts: UInt64 = 0
    /// TCP segments the loss model lost (each held its stream for a retransmission timeout).
    public var lostSegments: UInt64 = 0
    /// Times a direction stopped reading its source because its shaper held `queueLimit` bytes.
    public var readPauses: UInt64 = 0
    /// The most bytes one direction ever held (shaper queue plus the sink's pending outbound bytes).
    public var peakBufferedBytes = 0

    /// All zero.
    public init() {}

    public var description: String {
        "\(connectionsAccepted) connections (\(connectionsOpen) open, \(upstreamFailures) upstream failures, "
            + "\(cuts) cut), \(bytesToUpstream) bytes to upstream, \(bytesToClient) bytes to clients, "
            + "\(lostSegments) segments lost, \(readPauses) read pauses, peak \(peakBufferedBytes) bytes buffered in one direction"
    }
}
