import Foundation
import OrreryPosix
import OrreryServer

/// `orrery serve`: the game relay.
struct ServeCommand: Command {
    let name = "serve"
    let summary = "run the game relay: universes, sessions, WebSocket clients, metrics"
    let discussion = """
        Runs universes of the default arena game and relays them to WebSocket clients. With no options it \
        serves one universe, 'demo', full of drifting asteroids and roaming ships, on ws://127.0.0.1:8080; \
        open http://127.0.0.1:8080/ in a browser to play or watch it. \
        When ready it prints one line, 'listening ws://HOST:PORT/', on stdout; logs go to stderr as logfmt \
        lines. SIGTERM or SIGINT stops accepting, closes every client with 1001 and exits 0.

        Routes (one port):
          GET /                 redirects to the web view of the first universe (query kept)
          GET /view/NAME        web view: play in a browser (?watch=1 watches, ?ticket=... in ticket mode)
          GET /universes/NAME   WebSocket upgrade, subprotocol orrery.v1 (Protocol/README.md); plain GET: 426
          GET /universes        JSON list: name, players, spectators, tick, entities
          GET /metrics          Prometheus text (refreshed every --metrics-interval)
          GET /healthz          200 ok
          GET /debug/universes/NAME/truth?tick=T&observer=ID   with --debug-truth only (tests)

        Every plain route answers HEAD too; the web view's files and /universes carry CORS headers for the \
        --allowed-origins (any origin without it). Loop 0 accepts and runs every handshake; with two loops or \
        more, universes tick on the others only, so a connection storm cannot delay a tick.

        Ticket mode: with --ticket-secret (or ORRERY_TICKET_SECRET) an upgrade needs a ticket from \
        'orrery ticket' as ?ticket=... or 'Authorization: Bearer ...': 401 when missing or forged, 403 when \
        expired or for another universe. Without a secret the server is open (development).

        Journals: with --journal DIR every universe is recorded into DIR/NAME/ (its configuration and seed, \
        every join, leave, input and command in the order the ticks applied them, a state hash per tick, a \
        snapshot every --journal-snapshot ticks), and a server started on the same DIR restores every universe \
        at its last recorded tick with its sessions: players resume with their tokens and get a reset. \
        --journal-sync says when records reach the disk: 'tick' syncs after every tick before any client is \
        told an input of it was applied (a crash, even a power cut, loses nothing a client was told; costs one \
        fdatasync per tick on the universe's loop); 'interval' writes every tick and syncs every \
        --journal-sync-interval off the loops (a process crash loses nothing, a power cut up to that interval); \
        'os' writes every tick and leaves syncing to the kernel (a power cut loses what it had not written \
        back, typically up to 30 s). Replay, verify and inspect journals with 'orrery replay', 'orrery verify' \
        and 'orrery journal info'.

        Every option can also be set by the environment variable shown; the command line wins.

        Examples:
          orrery serve                                       # the demo universe
          orrery serve --universes alpha,beta --tick-rate 30
          orrery serve --create-on-demand --max-universes 100 --players 50
          orrery serve --journal /var/lib/orrery --journal-sync tick   # survive kill -9 and power cuts
          ORRERY_TICKET_SECRET=s3cret orrery serve --host 0.0.0.0 --allowed-origins https://game.example
        """
    let options: [OptionSpec] = [
        .value("host", "HOST", default: "127.0.0.1", env: "ORRERY_HOST", help: "Address to listen on."),
        .value("port", "N", default: "8080", env: "ORRERY_PORT", help: "TCP port; 0 picks a free one."),
        .value("loops", "N", env: "ORRERY_LOOPS", help: "Event loop threads (default: one per core)."),
        .value("io", "MODE", default: "auto", env: "ORRERY_IO",
               help: "Socket writes: auto (io_uring if the kernel allows it, else epoll), epoll or io_uring."),
        .value("tick-rate", "HZ", default: "20", env: "ORRERY_TICK_RATE", help: "Universe ticks per second (1-1000)."),
        .value("universes", "NAMES", default: "demo", env: "ORRERY_UNIVERSES",
               help: "Comma-separated universes created at start-up (may be empty with --create-on-demand)."),
        .flag("create-on-demand", env: "ORRERY_CREATE_ON_DEMAND",
              help: "Create a universe when a client first asks for it."),
        .value("max-universes", "N", default: "64", env: "ORRERY_MAX_UNIVERSES",
               help: "Most universes at once (beyond: 503)."),
        .value("universe-linger", "DURATION", default: "30s", env: "ORRERY_UNIVERSE_LINGER",
               help: "How long an empty on-demand universe stays before it is removed."),
        .value("players", "N", default: "100", env: "ORRERY_PLAYERS", help: "Players per universe (beyond: 4002)."),
        .value("spectators", "N", default: "16", env: "ORRERY_SPECTATORS",
               help: "Spectators per universe; 0 forbids them (4010)."),
        .value("world", "METRES", default: "2048", env: "ORRERY_WORLD", help: "World width and height in metres."),
        .value("view-radius", "METRES", default: "150", env: "ORRERY_VIEW_RADIUS", help: "View radius in metres."),
        .value("hysteresis", "METRES", default: "16", env: "ORRERY_HYSTERESIS",
               help: "Extra metres before an entity leaves the view."),
        .value("asteroids", "N", default: "160", env: "ORRERY_ASTEROIDS", help: "Asteroids per universe."),
        .value("npcs", "N", default: "40", env: "ORRERY_NPCS", help: "NPC ships per universe."),
        .value("seed", "N", default: "1", env: "ORRERY_SEED", help: "Seed of the first universe (next ones add 1)."),
        .value("ticket-secret", "S", env: "ORRERY_TICKET_SECRET",
               help: "Enables ticket mode with this HMAC secret (prefer the environment variable)."),
        .value("allowed-origins", "LIST", env: "ORRERY_ALLOWED_ORIGINS",
               help: "Comma-separated Origin values browsers may connect from (others: 403; default: any)."),
        .value("max-connections", "N", default: "10000", env: "ORRERY_MAX_CONNECTIONS",
               help: "Most WebSocket connections in total (beyond: 503)."),
        .value("max-connections-per-ip", "N", default: "64", env: "ORRERY_MAX_CONNECTIONS_PER_IP",
               help: "Most WebSocket connections per client address (beyond: 503)."),
        .value("handshake-rate", "N", default: "20", env: "ORRERY_HANDSHAKE_RATE",
               help: "Upgrade requests per client address per second, bursts of twice that (beyond: 429)."),
        .value("max-pending-handshakes-per-ip", "N", env: "ORRERY_MAX_PENDING_HANDSHAKES_PER_IP",
               help: "Connections per client address that have not sent their request yet (beyond: 503 at once; default: --max-connections-per-ip)."),
        .value("http-rate", "N", default: "20", env: "ORRERY_HTTP_RATE",
               help: "Plain HTTP requests (pages, files, /metrics, 404s) per client address per second, bursts of twice that (beyond: 429)."),
        .value("input-rate", "N", default: "60", env: "ORRERY_INPUT_RATE",
               help: "Input, command and ping messages per player per second; excess is dropped."),
        .value("input-burst", "N", default: "120", env: "ORRERY_INPUT_BURST", help: "Burst allowance of --input-rate."),
        .value("input-abuse", "N", default: "100", env: "ORRERY_INPUT_ABUSE",
               help: "Drops within 5 s after which a flooding player is closed with 1008."),
        .value("max-message", "BYTES", default: "\(RelayConfiguration().maximumMessageBytes)", env: "ORRERY_MAX_MESSAGE",
               help: "Largest client message (beyond: close 1009); a version-2 command needs up to 204."),
        .value("outbound-cap", "BYTES", default: "1048576", env: "ORRERY_OUTBOUND_CAP",
               help: "Unsent bytes per client before it is closed as a slow consumer (4004, resumable)."),
        .value("socket-send-buffer", "BYTES", env: "ORRERY_SOCKET_SEND_BUFFER",
               help: "Kernel send buffer per client (default: the system's autotuning)."),
        .value("grace", "DURATION", default: "10s", env: "ORRERY_GRACE",
               help: "How long a disconnected player's avatar waits for a resume."),
        .value("history", "DURATION", default: "5s", env: "ORRERY_HISTORY",
               help: "Frames kept per session for replay on resume (whole seconds; older: reset)."),
        .value("hello-timeout", "DURATION", default: "10s", env: "ORRERY_HELLO_TIMEOUT",
               help: "Time to send the HTTP upgrade and then join or resume (beyond: close, 4009)."),
        .value("keep-alive", "TICKS", default: "20", env: "ORRERY_KEEP_ALIVE",
               help: "A frame is sent at least every this many ticks."),
        .value("max-catch-up", "TICKS", default: "2", env: "ORRERY_MAX_CATCH_UP",
               help: "Extra ticks run at once when a loop falls behind (the rest are skipped and counted)."),
        .value("ping-interval", "DURATION", default: "15s", env: "ORRERY_PING_INTERVAL",
               help: "WebSocket pings; a client silent for twice this is dropped. 0 disables."),
        .value("close-timeout", "DURATION", default: "5s", env: "ORRERY_CLOSE_TIMEOUT",
               help: "How long a closing client has to read what is queued and answer the close (then: dropped)."),
        .value("shutdown-timeout", "DURATION", default: "5s", env: "ORRERY_SHUTDOWN_TIMEOUT",
               help: "How long shutdown waits for clients to close."),
        .value("metrics-interval", "DURATION", default: "1s", env: "ORRERY_METRICS_INTERVAL",
               help: "How often /metrics and /universes are refreshed."),
        .value("log-level", "LEVEL", default: "info", env: "ORRERY_LOG_LEVEL", help: "debug, info, warn or error."),
        .value("journal", "DIR", env: "ORRERY_JOURNAL",
               help: "Record every universe into DIR/NAME/ and restore them from there at start-up (default: off)."),
        .value("journal-sync", "MODE", default: "interval", env: "ORRERY_JOURNAL_SYNC",
               help: "When journal records reach the disk: tick, interval or os (see above)."),
        .value("journal-sync-interval", "DURATION", default: "100ms", env: "ORRERY_JOURNAL_SYNC_INTERVAL",
               help: "How often the interval mode syncs."),
        .value("journal-snapshot", "TICKS", default: "600", env: "ORRERY_JOURNAL_SNAPSHOT",
               help: "Ticks between snapshots (recovery re-simulates at most this many)."),
        .value("journal-segment", "BYTES", default: "67108864", env: "ORRERY_JOURNAL_SEGMENT",
               help: "A journal file this large rotates at its next snapshot."),
        .value("journal-retain", "N", default: "0", env: "ORRERY_JOURNAL_RETAIN",
               help: "Journal files kept per universe, older ones removed at rotation (0 keeps all)."),
        .flag("debug-truth", env: "ORRERY_DEBUG_TRUTH",
              help: "Serve the whole world's truth per tick for replica tests (never in production)."),
    ]

    func run(_ options: ParsedOptions) throws -> Int32 {
        let configuration = try Self.configuration(options)
        guard let level = LogLevel(name: options.string("log-level") ?? "info") else {
            throw UsageError.invalidValue(option: "log-level", value: options.string("log-level") ?? "",
                                          expected: "debug, info, warn or error")
        }
        let logger = Logger(minimumLevel: level, clock: { Int64(Date().timeIntervalSince1970 * 1e9) })
        _ = try? ResourceLimits.raiseOpenFiles()
        let signals = try SignalDescriptor(signals: [Signals.interrupt, Signals.terminate])
        let server = try RelayServer(configuration: configuration, logger: logger)
        let shownHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        FileHandle.standardOutput.write(Data("listening ws://\(shownHost):\(server.port)/\n".utf8))
        let signal = try signals.wait()
        logger.info("stopping", ["signal": signal == Signals.terminate ? "SIGTERM" : "SIGINT"])
        server.shutdown(timeout: .milliseconds(Int64(configuration.shutdownSeconds * 1000)))
        return 0
    }
}
