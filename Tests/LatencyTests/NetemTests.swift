import Foundation
import Testing

/// `orrery serve` and `orrery bots` in two network namespaces joined by a veth pair with netem delay and loss on
/// both ends: zero failed checks. Skipped, saying why, unless the test runs as root with `ip netns` and netem.
@Suite(.timeLimit(.minutes(2))) struct NetemTests {
    /// The `orrery` binary next to the test bundle.
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("orrery").path
    }

    @Test func botsOverAVethPairWithNetemDelayAndLossPassEveryCheck() throws {
        if let reason = NetemLab.unavailableReason() { try Test.cancel("netem scenario skipped: \(reason)") }
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build orrery first")
        let lab = try NetemLab.make(delay: "40ms", jitter: "10ms", loss: "0.5%")
        defer {
            lab.tearDown()
            #expect(!lab.exists, "the namespaces were not deleted")
        }
        let server = lab.process(in: lab.serverNamespace, [
            Self.binary, "serve", "--host", NetemLab.serverAddress, "--port", "8080", "--log-level", "warn",
            "--handshake-rate", "1000", "--max-connections-per-ip", "1000",
        ])
        let announced = Pipe()
        server.standardOutput = announced
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            if server.isRunning { kill(server.processIdentifier, SIGKILL) }
            server.waitUntilExit()
        }
        let line = String(decoding: announced.fileHandleForReading.availableData, as: UTF8.self)
        try #require(line.hasPrefix("listening ws://\(NetemLab.serverAddress):8080"), "orrery serve said: \(line)")

        let bots = try lab.run(in: lab.botsNamespace, [
            Self.binary, "bots", "--url", "ws://\(NetemLab.serverAddress):8080/universes/demo", "--count", "20",
            "--behavior", "wander,chase,churn", "--duration", "10s", "--seed", "5", "--json",
        ], limit: 60)
        kill(server.processIdentifier, SIGTERM)
        print("latency netem 40 ms ± 10 ms, 0.5 % loss each way, 20 bots for 10 s: \(bots.output.trimmed)")
        #expect(bots.status == 0, "\(bots.errors.suffix(500))")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(bots.output.utf8)) as? [String: Any])
        #expect(summary["passed"] as? Bool == true)
        #expect(summary["failedChecks"] as? Int == 0)
        #expect(summary["welcomed"] as? Int == 20)
        #expect((summary["frames"] as? Int ?? 0) > 0)
    }
}
