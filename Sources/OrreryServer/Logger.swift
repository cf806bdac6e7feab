import Foundation

/// Writes one logfmt line per event to a sink, dropping events below `minimumLevel`.
///
/// The clock is injected (nanoseconds since the Unix epoch) so lines are reproducible in tests; the server passes
/// its real-time clock. Example: `logger.info("listening", ["host": "127.0.0.1", "port": 8080])` writes
/// `ts=2024-05-01T12:00:00.123Z level=info event=listening host=127.0.0.1 port=8080`.
public struct Logger: Sendable {
    /// Events below this level are dropped before any formatting.
    public var minimumLevel: LogLevel
    /// The current time in nanoseconds since the Unix epoch, read once per written line.
    public let clock: @Sendable () -> Int64
    /// Receives each line, without a trailing newline.
    public let sink: @Sendable (String) -> Void

    /// A logger; lines go to standard error unless another `sink` is given.
    public init(minimumLevel: LogLevel = .info, clock: @escaping @Sendable () -> Int64,
                sink: @escaping @Sendable (String) -> Void = Logger.writeStandardError) {
        self.minimumLevel = minimumLevel
        self.clock = clock
        self.sink = sink
    }

    /// Whether events at `level` are written (check it before computing costly fields).
    public func isEnabled(_ level: LogLevel) -> Bool { level >= minimumLevel }

    /// Writes `event` with `fields` at `level`, if enabled.
    public func log(_ level: LogLevel, _ event: String,
                    _ fields: KeyValuePairs<String, any CustomStringConvertible> = [:]) {
        guard isEnabled(level) else { return }
        sink(LogFormat.line(level: level, event: event, fields: fields, unixNanoseconds: clock()))
    }

    /// Writes a `debug` event.
    public func debug(_ event: String, _ fields: KeyValuePairs<String, any CustomStringConvertible> = [:]) {
        log(.debug, event, fields)
    }

    /// Writes an `info` event.
    public func info(_ event: String, _ fields: KeyValuePairs<String, any CustomStringConvertible> = [:]) {
        log(.info, event, fields)
    }

    /// Writes a `warn` event.
    public func warn(_ event: String, _ fields: KeyValuePairs<String, any CustomStringConvertible> = [:]) {
        log(.warn, event, fields)
    }

    /// Writes an `error` event.
    public func error(_ event: String, _ fields: KeyValuePairs<String, any CustomStringConvertible> = [:]) {
        log(.error, event, fields)
    }

    /// Writes `line` and a newline to standard error in one write.
    public static func writeStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
