import Foundation
import Synchronization

/// Two network namespaces made by the test, joined by a veth pair with their own addresses (10.77.0.1 for the
/// server, 10.77.0.2 for the bots) and netem delay and loss on both ends, for `orrery serve` and `orrery bots`
/// run in them with `ip netns exec`. Needs root, `ip`, `tc` and the netem qdisc; `unavailableReason()` says
/// which is missing. `tearDown()` deletes both namespaces (and with them the veth pair).
struct NetemLab {
    static let serverAddress = "10.77.0.1"
    static let botsAddress = "10.77.0.2"

    let serverNamespace: String
    let botsNamespace: String
    let ip: String
    let tc: String

    /// A command's exit status and what it printed.
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Why the scenario cannot run here, or nil when it can (probed in a throwaway namespace).
    static func unavailableReason() -> String? {
        guard getuid() == 0 else { return "not running as root (uid \(getuid())): ip netns and tc need root" }
        guard let ip = tool("ip") else { return "no ip command (iproute2) in /usr/sbin, /sbin, /usr/bin or /bin" }
        guard let tc = tool("tc") else { return "no tc command (iproute2) in /usr/sbin, /sbin, /usr/bin or /bin" }
        let probe = "orrery-probe-\(getpid())"
        let added = run(ip, ["netns", "add", probe])
        guard added.status == 0 else { return "ip netns add failed: \(added.errors.trimmed)" }
        defer { _ = run(ip, ["netns", "del", probe]) }
        let netem = run(ip, ["netns", "exec", probe, tc, "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"])
        guard netem.status == 0 else {
            return "the netem qdisc is missing (tc said: \(netem.errors.trimmed)); the kernel needs sch_netem"
        }
        return nil
    }

    /// Builds the namespaces, the veth pair, the addresses and netem `delay` ± `jitter` with `loss` (tc syntax,
    /// e.g. "40ms", "10ms", "0.5%") on both ends. Tears down what it made when a step fails.
    static func make(delay: String, jitter: String, loss: String) throws -> NetemLab {
        guard let ip = tool("ip"), let tc = tool("tc") else { throw LabError("ip or tc went missing") }
        let lab = NetemLab(serverNamespace: "orrery-lat-s-\(getpid())", botsNamespace: "orrery-lat-c-\(getpid())",
                           ip: ip, tc: tc)
        let (s, c) = (lab.serverNamespace, lab.botsNamespace)
        let steps: [[String]] = [
            [ip, "netns", "add", s],
            [ip, "netns", "add", c],
            [ip, "-n", s, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1", "netns", c],
            [ip, "-n", s, "addr", "add", "\(serverAddress)/24", "dev", "veth0"],
            [ip, "-n", c, "addr", "add", "\(botsAddress)/24", "dev", "veth1"],
            [ip, "-n", s, "link", "set", "lo", "up"],
            [ip, "-n", c, "link", "set", "lo", "up"],
            [ip, "-n", s, "link", "set", "veth0", "up"],
            [ip, "-n", c, "link", "set", "veth1", "up"],
            [ip, "netns", "exec", s, tc, "qdisc", "add", "dev", "veth0", "root", "netem", "delay", delay, jitter,
             "loss", loss],
            [ip, "netns", "exec", c, tc, "qdisc", "add", "dev", "veth1", "root", "netem", "delay", delay, jitter,
             "loss", loss],
        ]
        for step in steps {
            let outcome = run(step[0], Array(step.dropFirst()))
            guard outcome.status == 0 else {
                lab.tearDown()
                throw LabError("\(step.joined(separator: " ")) failed: \(outcome.errors.trimmed)")
            }
        }
        return lab
    }

    /// Deletes both namespaces (the veth pair goes with them). Safe to call twice.
    func tearDown() {
        for namespace in [serverNamespace, botsNamespace] { _ = Self.run(ip, ["netns", "del", namespace]) }
    }

    /// Whether a namespace of the lab still exists.
    var exists: Bool {
        let list = Self.run(ip, ["netns", "list"]).output
        return list.contains(serverNamespace) || list.contains(botsNamespace)
    }

    /// A process running `arguments` inside `namespace` (not started).
    func process(in namespace: String, _ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip)
        process.arguments = ["netns", "exec", namespace] + arguments
        return process
    }

    /// Runs `arguments` inside `namespace` to the end, killed after `limit` (a hang guard).
    func run(in namespace: String, _ arguments: [String], limit: TimeInterval) throws -> Outcome {
        try Self.run(process(in: namespace, arguments), limit: limit)
    }

    /// The first of /usr/sbin, /sbin, /usr/bin, /bin that holds an executable `name`.
    private static func tool(_ name: String) -> String? {
        ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a short command to the end (10 s hang guard).
    private static func run(_ executable: String, _ arguments: [String]) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        return (try? run(process, limit: 10)) ?? Outcome(status: -1, output: "", errors: "could not run \(executable)")
    }

    /// Runs `process` to the end, collecting its output; kills it after `limit` seconds.
    private static func run(_ process: Process, limit: TimeInterval) throws -> Outcome {
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let collected = Mutex<[Bool: Data]>([:])
        let group = DispatchGroup()
        for (pipe, isOutput) in [(output, true), (errors, false)] {
            let handle = pipe.fileHandleForReading
            DispatchQueue.global().async(group: group) {
                let data = handle.readDataToEndOfFile()
                collected.withLock { $0[isOutput] = data }
            }
        }
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        group.wait()
        let data = collected.withLock { $0 }
        return Outcome(status: process.terminationStatus, output: String(decoding: data[true] ?? Data(), as: UTF8.self),
                       errors: String(decoding: data[false] ?? Data(), as: UTF8.self))
    }

    /// A step of building the lab failed.
    struct LabError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

extension String {
    /// Without surrounding whitespace and newlines.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
