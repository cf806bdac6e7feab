import Foundation
import OrreryNet
import OrreryWebSocket
import Synchronization
import TestSupport
import Testing
@testable import orrery

/// Records what a client saw.
private final class Seen: WebSocketHandler, @unchecked Sendable {
    let messages = Mutex<[(MessageKind, [UInt8])]>([])
    let close = Mutex<(UInt16, String)?>(nil)

    func webSocket(_ webSocket: WebSocketConnection, didReceive payload: ArraySlice<UInt8>, kind: MessageKind) {
        messages.withLock { $0.append((kind, Array(payload))) }
    }

    func webSocket(_ webSocket: WebSocketConnection, didCloseWith code: CloseCode, reason: String) {
        close.withLock { $0 = (code.rawValue, reason) }
    }

    var count: Int { messages.withLock { $0.count } }
}

private func connect(_ loop: EventLoop, _ port: Int, _ handler: Seen) async throws -> WebSocketConnection {
    let result = await withCheckedContinuation { continuation in
        loop.execute {
            loop.connectWebSocket(to: WebSocketURL(host: "127.0.0.1", port: port), handler: handler) {
                continuation.resume(returning: $0)
            }
        }
    }
    return try result.get()
}

@Suite(.timeLimit(.minutes(1))) struct EchoCommandTests {
    func settings(_ arguments: [String]) throws -> EchoServer.Settings {
        let command = EchoCommand()
        return try command.settings(CommandLineTool(commands: [command]).parse(arguments, for: command, environment: [:]))
    }

    @Test func optionsBecomeServerSettings() throws {
        let defaults = try settings([])
        #expect(defaults.host == "127.0.0.1" && defaults.port == 9001 && !defaults.broadcast)
        #expect(defaults.loopCount == ProcessInfo.processInfo.activeProcessorCount)
        #expect(defaults.configuration.webSocket.maxMessageSize == 1 << 20)
        #expect(defaults.configuration.heartbeat == HeartbeatPolicy(interval: .seconds(15), timeout: .seconds(30)))
        let custom = try settings(["--port", "0", "--broadcast", "--max-message", "16777216", "--max-fragments",
                                   "100000", "--loops", "3", "--ping-interval", "250ms", "--ping-timeout", "1s"])
        #expect(custom.port == 0 && custom.broadcast && custom.loopCount == 3)
        #expect(custom.configuration.webSocket.maxMessageSize == 16_777_216)
        #expect(custom.configuration.webSocket.maxFragments == 100_000)
        #expect(custom.configuration.outboundCap == 2 * 16_777_216)
        #expect(defaults.configuration.outboundCap == 2 << 20)
        #expect(try settings(["--max-message", "1000"]).configuration.outboundCap == 1 << 20)
        #expect(custom.configuration.heartbeat == HeartbeatPolicy(interval: .milliseconds(250), timeout: .seconds(1)))
        #expect(try settings(["--ping-interval", "0"]).configuration.heartbeat == nil)
    }

    @Test(arguments: [["--port", "70000"], ["--max-message", "0"], ["--loops", "x"], ["--ping-timeout", "0"], ["--nope"]])
    func badOptionsAreUsageErrors(arguments: [String]) {
        var errors: [String] = []
        let status = CommandLineTool.standard.run(arguments: ["echo"] + arguments, environment: [:],
                                                  output: { _ in }, errors: { errors.append($0) })
        #expect(status == CommandLineTool.usageStatus)
        #expect(errors.count == 1)
    }

    @Test func helpTeachesWithExamples() {
        var printed = ""
        let status = CommandLineTool.standard.run(arguments: ["echo", "--help"], environment: [:],
                                                  output: { printed += $0 })
        #expect(status == 0)
        #expect(printed.contains("orrery echo --port 0"))
        #expect(printed.contains("--broadcast"))
        #expect(printed.contains("listening ws://HOST:PORT/"))
    }

    @Test func echoesThenClosesClientsWith1001OnStop() async throws {
        let server = try EchoServer(try settings(["--port", "0", "--loops", "2"]))
        #expect(server.url == "ws://127.0.0.1:\(server.listener.port)/")
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { clients.shutdown() }
        let seen = Seen()
        let webSocket = try await connect(clients.loops[0], server.listener.port, seen)
        webSocket.loop.execute {
            webSocket.send(text: "héllo")
            webSocket.send(.binary, [0, 1, 2, 255])
        }
        #expect(await eventually { seen.count == 2 })
        let messages = seen.messages.withLock { $0 }
        #expect(messages.map(\.0) == [.text, .binary])
        #expect(messages.map(\.1) == [Array("héllo".utf8), [0, 1, 2, 255]])
        server.stop()
        #expect(await eventually { seen.close.withLock { $0 } != nil })
        #expect(seen.close.withLock { $0 }?.0 == 1001)
    }

    @Test func broadcastReachesEveryClientIncludingTheSender() async throws {
        let server = try EchoServer(try settings(["--port", "0", "--loops", "2", "--broadcast"]))
        defer { server.stop() }
        let clients = try EventLoopGroup(loopCount: 1, name: "test-client")
        defer { clients.shutdown() }
        let seen = (0..<3).map { _ in Seen() }
        var sockets: [WebSocketConnection] = []
        for handler in seen { sockets.append(try await connect(clients.loops[0], server.listener.port, handler)) }
        // Each client's first message proves all three are registered before the broadcast.
        for socket in sockets { socket.loop.execute { socket.send(text: "hello") } }
        #expect(await eventually { seen.allSatisfy { $0.count == 3 } })
        let sender = sockets[0]
        sender.loop.execute { sender.send(.binary, [7, 7, 7]) }
        #expect(await eventually { seen.allSatisfy { $0.count == 4 } })
        for handler in seen {
            #expect(handler.messages.withLock { $0.last?.1 } == [7, 7, 7])
        }
    }
}
