import Foundation
import OrreryPosix
import Testing

/// A throwaway `redis-server` (Debian's, installed by scripts/setup-test-tools) on a free loopback port, with no
/// persistence (`--save '' --appendonly no`). One per test; `stop()` ends it.
public final class RedisServer: @unchecked Sendable {
    /// The binary, found on PATH or at Debian's path.
    public static let binary: String? = {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
            "\($0)/redis-server"
        } + ["/usr/bin/redis-server"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether the tests can run: the binary exists.
    public static var isAvailable: Bool { binary != nil }

    /// `CI` or `ORRERY_PEERS=1` turns a missing redis-server into a failure instead of a skip.
    public static var isRequired: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["ORRERY_PEERS"] == "1" || environment["CI"].map { !$0.isEmpty && $0 != "false" } == true
    }

    /// Why a test is skipped, for `.enabled(if:_:)`.
    public static let skipReason: Comment =
        "needs Debian's redis-server (run scripts/setup-test-tools; CI or ORRERY_PEERS=1 make a missing one fail)"

    /// The port it listens on (127.0.0.1).
    public let port: Int
    private let process: Process

    /// Starts a server and waits until it accepts connections. `port` 0 picks a free one.
    public init(port: Int = 0) throws {
        guard let binary = Self.binary else { throw RedisServerError.missing }
        self.port = port == 0 ? try Self.freePort() : port
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", String(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--daemonize", "no", "--loglevel", "warning"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port: self.port) {
            guard process.isRunning, Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw RedisServerError.didNotStart(port: self.port)
            }
            usleep(10_000)
        }
    }

    /// Ends the server with SIGKILL and waits for it. Not SIGTERM: a child spawned from a Swift concurrency thread
    /// inherits that thread's blocked signals and would never see it; with no persistence there is nothing to save.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// A port the kernel just handed out and released (listen on 0, read, close).
    public static func freePort() throws -> Int {
        let listener = try TCPListener(address: SocketAddress(host: "127.0.0.1", port: 0))
        let port = try listener.localAddress().port
        try listener.close()
        return port
    }

    private static func accepts(port: Int) -> Bool {
        (try? BlockingClient(port: port)) != nil
    }
}

/// Why a `RedisServer` could not start.
public enum RedisServerError: Error, CustomStringConvertible {
    case missing
    case didNotStart(port: Int)

    public var description: String {
        switch self {
        case .missing: "redis-server is not installed (run scripts/setup-test-tools)"
        case .didNotStart(let port): "redis-server did not accept connections on 127.0.0.1:\(port) within 10 s"
        }
    }
}
