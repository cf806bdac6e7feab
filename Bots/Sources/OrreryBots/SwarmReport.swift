import OrreryClient

/// Text for people: the live progress line and the final summary of a swarm.
public enum SwarmReport {
    /// One line: time, bots live, frames and bytes per second since `previous`, seq gaps, failed checks,
    /// errors, reconnects and input → ack latency.
    public static func progressLine(_ snapshot: SwarmSnapshot, previous: SwarmSnapshot?) -> String {
        let statistics = snapshot.statistics
        let seconds = snapshot.elapsedSeconds - (previous?.elapsedSeconds ?? 0)
        let frames = statistics.frames &+ statistics.resets
        let previousFrames = previous.map { $0.statistics.frames &+ $0.statistics.resets } ?? 0
        let framesPerSecond = seconds > 0 ? Double(frames &- previousFrames) / seconds : 0
        let bytesPerSecond = seconds > 0 ? Double(statistics.bytes &- (previous?.statistics.bytes ?? 0)) / seconds : 0
        let latency = statistics.inputLatency
        return "[\(fixed(snapshot.elapsedSeconds, 1))s] connected \(snapshot.live)/\(snapshot.bots)"
            + "  \(count(framesPerSecond)) frames/s  \(bytes(bytesPerSecond))/s"
            + "  seq gaps \(statistics.checks[.sequenceGap])  failed checks \(snapshot.failedChecks)"
            + "  errors \(snapshot.errors)  reconnects \(snapshot.reconnects)"
            + "  input→ack p50 \(milliseconds(latency.quantile(0.5))) p99 \(milliseconds(latency.quantile(0.99)))"
    }

    /// The final summary, several lines, ending with PASSED or FAILED and why.
    public static func summary(_ snapshot: SwarmSnapshot, configuration: SwarmConfiguration) -> String {
        let statistics = snapshot.statistics
        let seconds = max(snapshot.elapsedSeconds, 1e-9)
        let frames = statistics.frames &+ statistics.resets
        var lines: [String] = []
        lines.append("orrery bots: \(snapshot.bots) bots (\(configuration.behaviors.map(\.rawValue).joined(separator: ",")))"
                     + " in \(configuration.universes.joined(separator: ",")) for \(fixed(snapshot.elapsedSeconds, 1)) s")
        lines.append("  bots:        \(snapshot.started) started, \(snapshot.live) live at the end, "
                     + "\(snapshot.neverLive) never welcomed, \(statistics.fatalStops) stopped on their own")
        lines.append("  connections: \(statistics.connectionsOpened) opened, \(snapshot.reconnects) reconnects, "
                     + "\(statistics.joins) joins, \(statistics.resumes) resumes (\(statistics.resumesReset) answered "
                     + "with a reset, \(statistics.resumesRejected) rejected), \(statistics.connectFailures) failed to "
                     + "connect, \(statistics.drops) dropped, \(statistics.plannedDisconnects) left on purpose, "
                     + "\(statistics.silences) went silent")
        lines.append("  traffic:     \(frames) frames (\(count(Double(frames) / seconds))/s, \(statistics.resets) resets), "
                     + "\(bytes(Double(statistics.bytes))) (\(bytes(Double(statistics.bytes) / seconds))/s), "
                     + "\(statistics.pongs) pongs")
        let latency = statistics.inputLatency
        lines.append("  inputs:      \(statistics.inputsSent) sent, \(statistics.inputsAcknowledged) acknowledged; "
                     + "input→ack p50 \(milliseconds(latency.quantile(0.5))), p99 \(milliseconds(latency.quantile(0.99))), "
                     + "max \(milliseconds(latency.count > 0 ? latency.maximum : nil))")
        lines.append("  game:        \(statistics.commandsSent) commands sent, \(statistics.gameMessages) messages received")
        lines.append("  round trip:  p50 \(milliseconds(statistics.roundTrip.quantile(0.5))), "
                     + "p99 \(milliseconds(statistics.roundTrip.quantile(0.99)))")
        let failures = statistics.checks.failures.map { "\($0.kind) \($0.count)" }
        lines.append("  checks:      \(snapshot.failedChecks) failed" + (failures.isEmpty ? "" : ": " + failures.joined(separator: ", ")))
        for sample in statistics.checks.samples { lines.append("               e.g. \(sample)") }
        lines.append("  closes:      " + codes(statistics.closeCodes))
        lines.append("  errors:      \(snapshot.errors) (server error messages: \(codes(statistics.serverErrors)))")
        for behavior in BotBehavior.allCases {
            guard let part = snapshot.byBehavior[behavior] else { continue }
            lines.append("  \(behavior.rawValue.padding(12))frames \(part.frames &+ part.resets), inputs \(part.inputsSent), "
                         + "connection attempts \(part.connectAttempts), failed checks \(part.checks.total)")
        }
        for (reason, count) in snapshot.stopReasons.sorted(by: { $0.key < $1.key }) {
            lines.append("  stopped:     \(count) × \(reason)")
        }
        lines.append(snapshot.passed ? "PASSED: zero failed checks" : "FAILED: " + failureReasons(snapshot))
        return lines.joined(separator: "\n")
    }

    private static func failureReasons(_ snapshot: SwarmSnapshot) -> String {
        var reasons: [String] = []
        if snapshot.failedChecks > 0 { reasons.append("\(snapshot.failedChecks) failed checks") }
        if snapshot.statistics.fatalStops > 0 { reasons.append("\(snapshot.statistics.fatalStops) bots stopped on their own") }
        if snapshot.neverLive > 0 { reasons.append("\(snapshot.neverLive) bots never welcomed") }
        if snapshot.started > 0, snapshot.welcomed == 0 { reasons.append("no bot was welcomed") }
        return reasons.joined(separator: ", ")
    }

    private static func codes(_ counts: [UInt16: UInt64]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
    }

    /// `12.3 ms`, `-` when unknown.
    static func milliseconds(_ microseconds: Int64?) -> String {
        guard let microseconds else { return "-" }
        return fixed(Double(microseconds) / 1000, 1) + " ms"
    }

    /// `950`, `9.6k`, `1.2M`.
    static func count(_ value: Double) -> String {
        switch value {
        case ..<1000: "\(Int(value.rounded()))"
        case ..<1_000_000: fixed(value / 1000, 1) + "k"
        default: fixed(value / 1_000_000, 1) + "M"
        }
    }

    /// `512 B`, `12.3 kB`, `1.5 MB`, `2.0 GB` (decimal units).
    static func bytes(_ value: Double) -> String {
        switch value {
        case ..<1000: "\(Int(value.rounded())) B"
        case ..<1_000_000: fixed(value / 1000, 1) + " kB"
        case ..<1_000_000_000: fixed(value / 1_000_000, 1) + " MB"
        default: fixed(value / 1_000_000_000, 1) + " GB"
        }
    }

    /// `value` with `digits` digits after the point, rounded half away from zero.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let digitsText = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - digitsText.count) + digitsText
    }
}

private extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
