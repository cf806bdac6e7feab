import Dispatch
import Foundation
import OrreryNet
import OrreryPosix
import OrreryWebSocket
import Synchronization

/// `orrery echo`: a development WebSocket echo (or broadcast) server on any path.
struct EchoCommand: Command {
    let name = "echo"
    let summary = "run a WebSocket echo (or broadcast) server for testing clients and conformance"
    let discussion = """
        Accepts WebSocket connections on any path and sends every message back to its sender, text as \
        text and binary as binary; with --broadcast, every message goes to every connected client, the \
        sender included (encoded once). GET /healthz answers 200 ok. When ready it prints exactly one line, \
        'listening ws://HOST:PORT/', on stdout. SIGTERM or SIGINT closes every client with 1001 (going \
        away) and exits 0. Messages over --max-message bytes or --max-fragments frames close the \
        connection with 1009.

        Examples:
          orrery echo                                  # ws://127.0.0.1:9001/, one loop per core
          orrery echo --port 0                         # any free port (read it from the first line)
          orrery echo --broadcast --loops 1            # a tiny chat relay
          orrery echo --max-message 16777216 --max-fragments 100000   # for Autobahn|Testsuite
          orrery echo --ping-interval 1s --ping-timeout 3s            # drop dead peers quickly
        """
    let options: [OptionSpec] = [
        .value("host", "HOST", default: "127.0.0.1", help: "Address to listen on (numeric, or localhost)."),
        .value("port", "N", default: "9001", help: "TCP port; 0 picks a free one."),
        .flag("broadcast", help: "Send each message to every connected client instead of echoing it."),
        .value("max-message", "BYTES", default: "1048576", help: "Largest message accepted."),
        .value("max-fragments", "N", default: "1024", help: "Most frames one message may span."),
        .value("loops", "N", help: "Event loop threads (default: one per core)."),
        .value("ping-interval", "DURATION", default: "15s", help: "Time between heartbeat pings; 0 disables heartbeats."),
        .value("ping-timeout", "DURATION", default: "30s",
               help: "Close a connection from which nothing arrived for this long."),
    ]

    func run(_ options: ParsedOptions) throws -> Int32 {
        let host = options.string("host") ?? "127.0.0.1"
        let port = try options.int("port", in: 0...65535)
        let maxMessage = try options.int("max-message", in: 1...(1 << 40))
        let maxFragments = try options.int("max-fragments", in: 1...Int(Int32.max))
        let loopCount = options.string("loops") == nil
            ? ProcessInfo.processInfo.activeProcessorCount : try options.int("loops", in: 1...1024)
        let interval = try options.seconds("ping-interval", in: 0...86_400)
        let timeout = try options.seconds("ping-timeout", in: 0.001...86_400)

        var configuration = WebSocketServerConfiguration()
        configuration.webSocket = WebSocketConfiguration(maxMessageSize: maxMessage, maxFragments: maxFragments)
        configuration.heartbeat = interval > 0
            ? HeartbeatPolicy(interval: .milliseconds(Int64(interval * 1000)), timeout: .milliseconds(Int64(timeout * 1000)))
            : nil

        _ = try? ResourceLimits.raiseOpenFiles()
        let signals = try SignalDescriptor(signals: [Signals.interrupt, Signals.terminate])
        let group = try EventLoopGroup(loopCount: loopCount, name: "orrery-echo")
        let broadcastLoops = options.flag("broadcast") ? group.loops : nil
        let server = WebSocketServer(configuration: configuration) { _ in
            .accept(EchoHandler(broadcastLoops: broadcastLoops))
        }
        let listener: GroupListener
        do {
            listener = try server.listen(on: group, host: host, port: port)
        } catch {
            group.shutdown()
            throw error
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        FileHandle.standardOutput.write(Data("listening ws://\(shownHost):\(listener.port)/\n".utf8))
        _ = try signals.wait()
        listener.close()
        Self.closeClients(of: group, within: configuration.closeTimeout + .seconds(1))
        group.shutdown()
        return 0
    }

    /// Closes every client with 1001 and waits (at most `limit`) until all have gone.
    static func closeClients(of group: EventLoopGroup, within limit: Duration) {
        for loop in group.loops {
            loop.execute { loop.closeAllWebSockets(code: .goingAway, reason: "server shutting down") }
        }
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, openConnections(in: group) > 0 {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// WebSocket connections still registered on the group's loops.
    private static func openConnections(in group: EventLoopGroup) -> Int {
        let total = Mutex(0)
        let done = DispatchSemaphore(value: 0)
        var asked = 0
        for loop in group.loops {
            let accepted = loop.execute {
                let count = loop.webSocketConnections.count
                total.withLock { $0 += count }
                done.signal()
            }
            if accepted { asked += 1 }
        }
        for _ in 0..<asked { done.wait() }
        return total.withLock { $0 }
    }
}
