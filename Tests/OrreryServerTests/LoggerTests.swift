import Synchronization
import Testing
import OrreryServer

/// Collects the lines a logger writes.
private final class LineCollector: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

@Suite struct LoggerTests {
    @Test func writesOneLogfmtLinePerEventAtOrAboveTheMinimum() {
        let collector = LineCollector()
        var logger = Logger(minimumLevel: .info, clock: { 1_714_564_800_123_456_789 }, sink: collector.append)
        logger.info("listening", ["host": "127.0.0.1", "port": 8080])
        logger.debug("hidden")
        logger.warn("slow consumer", ["player": 7, "reason": "buffer full", "note": ""])
        logger.error("bad", ["detail": "said \"no\"\nthen left", "expr": "a=b", "path": "C:\\x"])
        logger.minimumLevel = .debug
        logger.debug("shown")
        #expect(collector.lines == [
            "ts=2024-05-01T12:00:00.123Z level=info event=listening host=127.0.0.1 port=8080",
            "ts=2024-05-01T12:00:00.123Z level=warn event=\"slow consumer\" player=7 reason=\"buffer full\" note=\"\"",
            "ts=2024-05-01T12:00:00.123Z level=error event=bad detail=\"said \\\"no\\\"\\nthen left\" expr=\"a=b\" path=C:\\x",
            "ts=2024-05-01T12:00:00.123Z level=debug event=shown",
        ])
    }

    @Test func levelsAreOrdered() {
        #expect(LogLevel.debug < .info && LogLevel.info < .warn && LogLevel.warn < .error)
        let logger = Logger(minimumLevel: .warn, clock: { 0 }, sink: { _ in })
        #expect(!logger.isEnabled(.info))
        #expect(logger.isEnabled(.warn) && logger.isEnabled(.error))
        #expect(LogLevel(name: "WARNING") == .warn)
        #expect(LogLevel(name: "verbose") == nil)
    }

    @Test func quotingAndKeys() {
        #expect(LogFormat.value("plain-value_1.2") == "plain-value_1.2")
        #expect(LogFormat.value("") == "\"\"")
        #expect(LogFormat.value("tab\there") == "\"tab\\there\"")
        #expect(LogFormat.value("bell\u{07}") == "\"bell\\u0007\"")
        #expect(LogFormat.value("back\\slash") == "back\\slash")
        #expect(LogFormat.value("back\\ slash") == "\"back\\\\ slash\"")
        #expect(LogFormat.value("héllo") == "héllo")
        #expect(LogFormat.key("bad key=\"x\"") == "bad_key__x_")
        #expect(LogFormat.key("") == "_")
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (999_999, "1970-01-01T00:00:00.000Z"),
        (1_000_000, "1970-01-01T00:00:00.001Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000_000_000, "2000-02-29T00:00:00.000Z"),
        (1_709_251_199_999_000_000, "2024-02-29T23:59:59.999Z"),
        (4_107_542_400_000_000_000, "2100-03-01T00:00:00.000Z"),
        (Int64.max, "2262-04-11T23:47:16.854Z"),
        (Int64.min, "1677-09-21T00:12:43.145Z"),
    ])
    func rfc3339Timestamps(nanoseconds: Int64, text: String) {
        #expect(LogFormat.timestamp(unixNanoseconds: nanoseconds) == text)
    }
}
