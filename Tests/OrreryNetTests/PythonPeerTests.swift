import Foundation
import OrreryNet
import OrreryWebSocket
import TestSupport
import Testing

/// The independent Python `websockets` echo server under Tests/Peers, run from the package's `.venv`.
enum PythonPeer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv/bin/python").path
    static let script = root.appendingPathComponent("Tests/Peers/python_echo_server.py").path

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: python) && FileManager.default.fileExists(atPath: script)
    }

    /// `ORRERY_PEERS=1` turns a missing peer into a failure instead of a skip.
    static var isRequired: Bool { ProcessInfo.processInfo.environment["ORRERY_PEERS"] == "1" }

    /// Runs the script after clearing the signal mask: a child spawned from a Swift concurrency thread
    /// inherits that thread's blocked signals, and the server could then never see SIGTERM.
    static let unblockAndRun = "import runpy, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
        + "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"

    /// Starts the server on a free port; returns the process and the port it printed.
    static func start() throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", unblockAndRun, script, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening ws://127.0.0.1:"),
              let port = Int(text.dropFirst("listening ws://127.0.0.1:".count).dropLast()) else {
            process.terminate()
            throw PeerError.unexpectedBanner(text)
        }
        return (process, port)
    }

    enum PeerError: Error, CustomStringConvertible {
        case unexpectedBanner(String)
        var description: String {
            switch self {
            case .unexpectedBanner(let text): "python_echo_server.py printed '\(text)' instead of 'listening ws://127.0.0.1:PORT/'"
            }
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct PythonPeerTests {
    @Test(.enabled(if: PythonPeer.isAvailable || PythonPeer.isRequired,
                   "needs .venv/bin/python and Tests/Peers/python_echo_server.py (run scripts/setup-test-tools; ORRERY_PEERS=1 makes a missing peer fail)"))
    func ourClientAgainstPythonWebsocketsServer() async throws {
        try #require(PythonPeer.isAvailable, "ORRERY_PEERS=1 but the Python peer is missing: run scripts/setup-test-tools")
        let (process, port) = try PythonPeer.start()
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer {
            clients.shutdown()
            process.terminate()
            process.waitUntilExit()
        }
        let probe = ProbeHandler()
        let webSocket = try await connectClient(on: clients.loops[0], port: port, handler: probe).get()
        var expected: [(MessageKind, [UInt8])] = []
        for size in WebSocketEchoTests.sizes {
            for kind in [MessageKind.text, .binary] {
                let payload = kind == .text ? textPayload(size) : pattern(size, seed: size)
                send(webSocket, kind, payload)
                expected.append((kind, payload))
                #expect(await eventually { probe.messages.count == expected.count })
            }
        }
        #expect(probe.messages.map(\.0) == expected.map(\.0))
        #expect(probe.messages.map(\.1) == expected.map(\.1))
        send(webSocket, .binary, pattern((1 << 20) + 1))
        #expect(await eventually { probe.closeCode != nil })
        #expect(probe.closeCode == 1009)
        #expect(probe.messages.count == expected.count)
    }
}
