import Foundation
import OrreryNet
import OrreryPosix

/// What `orrery load` reads from the server: `/metrics` (ticks, tick durations, frames) and `/proc/PID/stat`
/// (CPU time).
struct LoadProbe {
    /// One reading.
    struct Reading {
        /// When it was taken (monotonic seconds).
        var time: Double
        /// Server user + system CPU seconds (nil without a PID).
        var cpuSeconds: Double?
        /// Metric samples by name with labels, e.g. `orrery_ticks_total`, `orrery_tick_duration_seconds_bucket{le="0.001"}`.
        var samples: [String: Double]
    }

    let host: String
    let port: Int
    let pid: Int32?

    func read() throws -> Reading {
        let text = try Self.get(host: host, port: port, path: "/metrics")
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Double(parts[1]) { samples[String(parts[0])] = value }
        }
        return Reading(time: Double(MonotonicTime.now().nanoseconds) / 1e9, cpuSeconds: pid.flatMap(Self.cpuSeconds),
                       samples: samples)
    }

    /// User + system CPU seconds of a process (from `/proc/PID/stat`, fields 14 and 15, in USER_HZ = 100).
    static func cpuSeconds(of pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / 100
    }

    /// The `q` quantile (0...1) of the histogram observations between two readings, by linear interpolation
    /// inside the bucket where it falls; nil without observations.
    static func quantile(_ q: Double, histogram name: String, from start: Reading, to end: Reading) -> Double? {
        var bounds: [(Double, Double)] = []
        for (key, value) in end.samples where key.hasPrefix(name + "_bucket{le=\"") {
            let label = key.dropFirst(name.count + 12).dropLast(2)
            let bound = label == "+Inf" ? Double.infinity : Double(label) ?? .nan
            bounds.append((bound, value - (start.samples[key] ?? 0)))
        }
        bounds.sort { $0.0 < $1.0 }
        guard let total = bounds.last?.1, total > 0 else { return nil }
        let rank = q * total
        var previous = (bound: 0.0, count: 0.0)
        for (bound, count) in bounds {
            if count >= rank {
                guard bound.isFinite else { return previous.bound }
                let share = count > previous.count ? (rank - previous.count) / (count - previous.count) : 1
                return previous.bound + (bound - previous.bound) * share
            }
            previous = (bound, count)
        }
        return previous.bound
    }

    /// The body of a plain `GET`.
    static func get(host: String, port: Int, path: String) throws -> String {
        let address = try SocketAddress(host: host, port: port)
        let socket = try TCPSocket(familyOf: address)
        try socket.setBlocking(true)
        try socket.setReceiveTimeout(milliseconds: 10_000)
        _ = try socket.connect(to: address)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8)
        var offset = 0
        while offset < request.count {
            if case .wrote(let count) = try socket.write(request[offset...]) { offset += count }
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while case .bytes(let count) = try socket.read(into: &buffer) { response += buffer[..<count] }
        let text = String(decoding: response, as: UTF8.self)
        return text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
    }
}
