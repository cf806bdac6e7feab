import Foundation
import OrreryNet
import OrreryWire
import TestSupport
import Testing

/// `orrery serve` as a subprocess: SIGTERM and SIGINT close every client with 1001 and exit 0.
@Suite(.serialized) struct ServeShutdownTests {
    /// The `orrery` binary next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("orrery")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalClosesEveryClientWith1001AndExits0(signal: Int32) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build orrery first")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", "0", "--loops", "2", "--tick-rate", "50", "--universes", "alpha,beta",
                             "--log-level", "warn", "--hello-timeout", "120s"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(line.split(separator: ":").last?.prefix { $0.isNumber } ?? ""), "\(line)")
        let group = try EventLoopGroup(loopCount: 1, name: "shutdown-clients")
        defer { group.shutdown() }
        var clients: [GameClient] = []
        for index in 0..<4 {
            let client = GameClient(universe: index % 2 == 0 ? "alpha" : "beta", truth: nil)
            #expect(await openWebSocket(client, port: port, loop: group.loops[0]) == nil)
            client.send(.join(Join(role: .player)))
            clients.append(client)
        }
        #expect(await eventually { clients.allSatisfy { $0.snapshot.frames > 0 } })
        kill(process.processIdentifier, signal)
        #expect(await eventually { !process.isRunning })
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(clients.map { $0.snapshot.closeCode } == [1001, 1001, 1001, 1001])
        #expect(clients.allSatisfy { $0.snapshot.problems.isEmpty })
    }
}
