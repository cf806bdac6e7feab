/// The bottom line of the spectator screen: where we are, how the connection does, and the keys.
public struct StatusLine: Hashable, Sendable {
    /// The universe's name (from the URL).
    public var universe: String
    /// Replica tick and seq, nil before the welcome.
    public var tick: UInt64?
    public var seq: UInt64
    /// Entities drawn on the map.
    public var inView: Int
    /// Bytes received over the last second.
    public var bytesPerSecond: Int
    /// The latest round-trip time in microseconds, nil before the first pong.
    public var roundTripMicroseconds: Int64?
    /// How far the drawing lags the replica (negative: drawn ahead of it, dead-reckoned), in milliseconds.
    public var delayMilliseconds: Double
    /// The viewport's zoom.
    public var zoom: Double
    /// The followed entity, nil when not following; `followLost` when it is no longer in view.
    public var following: UInt32?
    public var followLost: Bool
    /// Set when no frame has arrived for longer than the server's keep-alive allows: how long, in seconds.
    public var stalledSeconds: Double?

    /// The key help shown at the end of the line.
    public static let keyHelp = "arrows pan  +/- zoom  f follow  q quit"

    public init(universe: String, tick: UInt64?, seq: UInt64, inView: Int, bytesPerSecond: Int,
                roundTripMicroseconds: Int64?, delayMilliseconds: Double, zoom: Double, following: UInt32?,
                followLost: Bool, stalledSeconds: Double?) {
        self.universe = universe
        self.tick = tick
        self.seq = seq
        self.inView = inView
        self.bytesPerSecond = bytesPerSecond
        self.roundTripMicroseconds = roundTripMicroseconds
        self.delayMilliseconds = delayMilliseconds
        self.zoom = zoom
        self.following = following
        self.followLost = followLost
        self.stalledSeconds = stalledSeconds
    }

    /// The line, fields separated by two spaces, the key help after ` | `.
    public var text: String {
        guard let tick else { return "\(universe)  waiting for welcome  |  \(Self.keyHelp)" }
        var fields = [universe, "tick \(tick)", "seq \(seq)"]
        if let stalledSeconds { fields.append("no frame for \(Self.oneDecimal(stalledSeconds)) s") }
        fields.append("in view \(inView)")
        fields.append(Self.rate(bytesPerSecond))
        fields.append("rtt " + (roundTripMicroseconds.map { Self.milliseconds(Double($0) / 1000) } ?? "-"))
        fields.append("delay " + Self.milliseconds(delayMilliseconds))
        fields.append("zoom " + Self.zoomText(zoom))
        fields.append("follow " + (following.map { "#\($0)" + (followLost ? " (gone)" : "") } ?? "off"))
        return fields.joined(separator: "  ") + "  |  " + Self.keyHelp
    }

    /// `512 B/s`, `12.3 kB/s`, `1.5 MB/s` (decimal units).
    static func rate(_ bytesPerSecond: Int) -> String {
        switch bytesPerSecond {
        case ..<1000: "\(bytesPerSecond) B/s"
        case ..<1_000_000: oneDecimal(Double(bytesPerSecond) / 1000) + " kB/s"
        default: oneDecimal(Double(bytesPerSecond) / 1_000_000) + " MB/s"
        }
    }

    /// Whole milliseconds, or one decimal below 10 ms.
    static func milliseconds(_ value: Double) -> String {
        abs(value) < 10 ? oneDecimal(value) + " ms" : "\(Int(value.rounded())) ms"
    }

    /// `4x`, or `1.5x` for a fractional zoom.
    static func zoomText(_ zoom: Double) -> String {
        zoom == zoom.rounded() ? "\(Int(zoom))x" : oneDecimal(zoom) + "x"
    }

    /// One digit after the point, rounded half away from zero (`-0.0` prints as `0.0`).
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
