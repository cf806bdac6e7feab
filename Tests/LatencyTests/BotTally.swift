import OrreryClient

/// The reports of many truth bots added up, with a line for the test log.
struct BotTally {
    let reports: [TruthBot.Report]
    let statistics: ClientStatistics

    init(_ reports: [TruthBot.Report]) {
        self.reports = reports
        var statistics = ClientStatistics()
        for report in reports { statistics.merge(report.statistics) }
        self.statistics = statistics
    }

    /// Problems with the truth or the seqs, and failed protocol checks, in all.
    var failures: Int { reports.reduce(0) { $0 + $1.problemCount } + Int(statistics.checks.total) }

    /// The first few problems and failed checks, for an expectation's message.
    var samples: [String] { Array((reports.flatMap(\.problems) + statistics.checks.samples).prefix(6)) }

    /// The gaps between consecutive frames of every bot, merged.
    var frameGaps: LatencyHistogram {
        reports.reduce(into: LatencyHistogram()) { $0.merge($1.frameGaps) }
    }

    /// The frame-gap distribution in one line: quantiles and maximum in milliseconds.
    var frameGapLine: String {
        let gaps = frameGaps
        let quantiles = [0.5, 0.9, 0.99, 0.999].map { "p\(String($0 * 100).replacingOccurrences(of: ".0", with: "")) "
            + Self.milliseconds(gaps, $0) }
        return "frame gaps over \(gaps.count) gaps: " + quantiles.joined(separator: ", ")
            + ", max \(gaps.count > 0 ? String(Double(gaps.maximum / 100) / 10) : "-") ms"
    }

    /// Frames and resets compared with the truth.
    var truthChecks: Int { reports.reduce(0) { $0 + $1.truthChecks } }

    /// A latency quantile in milliseconds ("-" when empty).
    static func milliseconds(_ histogram: LatencyHistogram, _ q: Double) -> String {
        guard let value = histogram.quantile(q) else { return "-" }
        return String(Double(value / 100) / 10)
    }

    /// One line: bots, frames, truth checks, failures, resumes, input→ack and ping latency.
    var line: String {
        let s = statistics
        return "\(reports.count) bots: \(s.frames) frames, \(truthChecks) truth checks, \(failures) failures, "
            + "\(s.joins) joins, \(s.resumes) resumes (\(s.resumesReset) reset, \(s.resumesRejected) rejected), "
            + "\(s.drops) drops; input→ack p50 \(Self.milliseconds(s.inputLatency, 0.5)) ms "
            + "p99 \(Self.milliseconds(s.inputLatency, 0.99)) ms over \(s.inputsAcknowledged) inputs; "
            + "ping RTT p50 \(Self.milliseconds(s.roundTrip, 0.5)) ms p99 \(Self.milliseconds(s.roundTrip, 0.99)) ms"
    }
}
