import Foundation
import OrreryPosix

extension RelayServer {
    /// Runs a relay in the foreground, for a game's `main.swift`: listens, prints `listening ws://HOST:PORT/` on
    /// stdout, calls `whenListening` (e.g. to start bots), then waits for SIGINT or SIGTERM and closes every
    /// client with 1001 within `configuration.shutdownSeconds`. Call it from the main thread before starting any
    /// other thread (the signals are blocked for the threads it starts). Logs go to standard error.
    public static func run(_ configuration: RelayConfiguration,
                           logger: Logger = Logger(clock: { Int64(Date().timeIntervalSince1970 * 1e9) }),
                           whenListening: (RelayServer) throws -> Void = { _ in }) throws {
        let signals = try SignalDescriptor(signals: [Signals.interrupt, Signals.terminate])
        let server = try RelayServer(configuration: configuration, logger: logger)
        let shownHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        FileHandle.standardOutput.write(Data("listening ws://\(shownHost):\(server.port)/\n".utf8))
        try whenListening(server)
        let signal = try signals.wait()
        logger.info("stopping", ["signal": signal == Signals.terminate ? "SIGTERM" : "SIGINT"])
        server.shutdown(timeout: .milliseconds(Int64(configuration.shutdownSeconds * 1000)))
    }
}
