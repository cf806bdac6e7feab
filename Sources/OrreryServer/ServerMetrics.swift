/// The game server's metric families. Record them through a per-loop `MetricStore` built on `catalogue`.
///
/// Gauges are summed across loops at scrape time, so each loop sets only its own share (its connections, the
/// universes it runs).
public enum ServerMetrics {
    /// Open client connections (TCP, before and after the WebSocket handshake).
    public static let connections = MetricDescriptor.gauge(
        "orrery_connections", help: "Open client connections.")
    /// Event loops writing through each I/O backend (`epoll`, `io_uring`): io_uring unless the kernel refused it
    /// or `--io` forced epoll.
    public static let ioBackend = MetricDescriptor.gauge(
        "orrery_io_backend", help: "Event loops writing through each I/O backend.", labels: ["backend"])
    /// Player sessions, connected or waiting for a resume.
    public static let sessions = MetricDescriptor.gauge(
        "orrery_sessions", help: "Player sessions, connected or awaiting resume.")
    /// Running universes.
    public static let universes = MetricDescriptor.gauge(
        "orrery_universes", help: "Running universes.")
    /// Players in each universe.
    public static let universePlayers = MetricDescriptor.gauge(
        "orrery_universe_players", help: "Players in a universe.", labels: ["universe"])
    /// Simulation ticks run, over all universes.
    public static let ticks = MetricDescriptor.counter(
        "orrery_ticks_total", help: "Simulation ticks run.")
    /// Wall time of one universe tick (simulate, encode, enqueue), in seconds.
    public static let tickDuration = MetricDescriptor.histogram(
        "orrery_tick_duration_seconds", help: "Time to run one universe tick.",
        buckets: tickDurationBuckets)
    /// Tick periods a universe fell behind its schedule by (caught up, up to a bound, or skipped).
    public static let tickOverruns = MetricDescriptor.counter(
        "orrery_tick_overruns_total", help: "Tick periods a universe fell behind its schedule by.")
    /// WebSocket frames received from clients.
    public static let framesReceived = MetricDescriptor.counter(
        "orrery_frames_received_total", help: "WebSocket frames received.")
    /// WebSocket frames sent to clients.
    public static let framesSent = MetricDescriptor.counter(
        "orrery_frames_sent_total", help: "WebSocket frames sent.")
    /// Bytes read from client sockets.
    public static let bytesReceived = MetricDescriptor.counter(
        "orrery_bytes_received_total", help: "Bytes read from client connections.")
    /// Bytes written to client sockets.
    public static let bytesSent = MetricDescriptor.counter(
        "orrery_bytes_sent_total", help: "Bytes written to client connections.")
    /// Connections closed because their outbound buffer exceeded its limit.
    public static let slowConsumersDropped = MetricDescriptor.counter(
        "orrery_slow_consumers_dropped_total", help: "Connections closed because they could not keep up.")
    /// Protocol violations by kind (e.g. `bad_opcode`, `oversized_frame`, `bad_utf8`, `bad_input`).
    public static let protocolErrors = MetricDescriptor.counter(
        "orrery_protocol_errors_total", help: "Protocol errors by kind.", labels: ["kind"])
    /// Resume attempts by outcome: `replayed`, `reset` or `rejected` (see `resumeOutcomes`).
    public static let resumes = MetricDescriptor.counter(
        "orrery_resumes_total", help: "Session resume attempts by outcome.", labels: ["outcome"])
    /// Refused WebSocket handshakes by reason (e.g. a `TicketError.reason`, `rate_limited`, `bad_request`).
    public static let handshakesRejected = MetricDescriptor.counter(
        "orrery_handshakes_rejected_total", help: "Rejected handshakes by reason.", labels: ["reason"])
    /// Player inputs dropped by the per-player rate limit.
    public static let inputsRateLimited = MetricDescriptor.counter(
        "orrery_inputs_rate_limited_total", help: "Player inputs dropped by the rate limit.")

    /// Game connections closed, by the WebSocket close code (sent by the server, or by the client when it closed
    /// first; 1006 when the connection was cut or dropped without a close frame).
    public static let closes = MetricDescriptor.counter(
        "orrery_connections_closed_total", help: "Game connections closed, by close code.", labels: ["code"])
    /// Connections refused before any request: `pending_handshakes` (503, the per-address cap on connections
    /// that have not sent their request).
    public static let connectionsRefused = MetricDescriptor.counter(
        "orrery_connections_refused_total", help: "Connections refused before their request.", labels: ["reason"])
    /// Plain HTTP requests answered, by status (200 files and metrics, 404 scans, 426 on a game path, 429
    /// over the request rate, ...).
    public static let httpResponses = MetricDescriptor.counter(
        "orrery_http_responses_total", help: "Plain HTTP responses by status.", labels: ["status"])
    /// WebSocket upgrades completed (101 sent).
    public static let handshakesCompleted = MetricDescriptor.counter(
        "orrery_handshakes_completed_total", help: "WebSocket upgrades completed.")
    /// Connections dropped because nothing arrived within the heartbeat timeout.
    public static let heartbeatTimeouts = MetricDescriptor.counter(
        "orrery_heartbeat_timeouts_total", help: "Connections dropped for silence past the heartbeat timeout.")
    /// Connections dropped because they did not answer our close frame within the close timeout.
    public static let closeTimeouts = MetricDescriptor.counter(
        "orrery_close_timeouts_total", help: "Connections dropped for not finishing the close handshake in time.")
    /// Times accepting paused because the process was out of descriptors (EMFILE, ENFILE).
    public static let acceptPauses = MetricDescriptor.counter(
        "orrery_accept_pauses_total", help: "Accept pauses for lack of file descriptors.")
    /// Sessions created by a join.
    public static let joins = MetricDescriptor.counter(
        "orrery_joins_total", help: "Sessions created by a join.")
    /// Joins refused: the universe was full (4002) or the role is not allowed (4010).
    public static let joinsRefused = MetricDescriptor.counter(
        "orrery_joins_refused_total", help: "Joins refused (universe full, role forbidden).")
    /// Sessions ended because no resume came within the grace period.
    public static let sessionsExpired = MetricDescriptor.counter(
        "orrery_sessions_expired_total", help: "Sessions ended after their grace period.")
    /// Game commands received (protocol version 2).
    public static let commandsReceived = MetricDescriptor.counter(
        "orrery_commands_received_total", help: "Game commands received.")
    /// Game commands refused or dropped, by reason (a `CommandRejection` raw value).
    public static let commandsRejected = MetricDescriptor.counter(
        "orrery_commands_rejected_total", help: "Game commands refused or dropped by reason.", labels: ["reason"])

    /// The `outcome` label values of `resumes`.
    public static let resumeOutcomes = ["replayed", "reset", "rejected"]

    /// The close codes a game connection can end with (registered at zero so every one is always exported):
    /// 1000 normal, 1001 shutdown, 1002/1007/1009 WebSocket violations, 1003 text, 1006 cut or dropped, 1008
    /// flooding, 1011 internal, and the application codes of `Protocol/close-codes.tsv`.
    public static let closeCodes: [UInt16] = [
        1000, 1001, 1002, 1003, 1006, 1007, 1008, 1009, 1011,
        4000, 4001, 4002, 4003, 4004, 4006, 4007, 4008, 4009, 4010,
    ]

    /// The plain HTTP statuses the server answers (registered at zero): files and metrics, the `/` redirect, scans,
    /// a plain GET on a game path, the request rate.
    public static let httpStatuses = [200, 302, 404, 426, 429]

    /// Upper bounds of `tickDuration`'s buckets, in seconds: 50 µs to 100 ms, fine enough to read p50/p99.
    public static let tickDurationBuckets: [Double] = [
        0.00005, 0.0001, 0.00015, 0.0002, 0.0003, 0.0004, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.004,
        0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1,
    ]

    /// Every server metric family, in exposition order.
    public static let catalogue = MetricCatalogue([
        connections, ioBackend, sessions, universes, universePlayers,
        ticks, tickDuration, tickOverruns,
        framesReceived, framesSent, bytesReceived, bytesSent,
        slowConsumersDropped, protocolErrors, resumes, handshakesRejected, inputsRateLimited,
        closes, connectionsRefused, httpResponses, handshakesCompleted, heartbeatTimeouts, closeTimeouts,
        acceptPauses, joins, joinsRefused, sessionsExpired,
        commandsReceived, commandsRejected,
    ])
}
