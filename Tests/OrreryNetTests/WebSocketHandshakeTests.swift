import Foundation
import OrreryNet
import OrreryPosix
import OrreryWebSocket
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct WebSocketHandshakeTests {
    /// A server with a path route (`/ws` only), an origin allowlist and the default head limits.
    static func makeServer(handshakeTimeout: Duration = .seconds(10)) throws -> TestServer {
        var configuration = WebSocketServerConfiguration(handshakeTimeout: handshakeTimeout)
        configuration.handshake.allowedOrigins = ["https://good.example"]
        return try TestServer(configuration: configuration) { upgrade in
            upgrade.path == "/ws" ? nil : .reject(.notFound)
        }
    }

    /// Sends `request` on a raw socket and returns the response head and body (read to the end).
    static func exchange(_ port: Int, _ request: [UInt8]) throws -> (head: String, body: String) {
        let client = try RawWebSocketClient(port: port)
        let head = try client.handshake(request)
        return (head, String(decoding: try client.readToEnd(), as: UTF8.self))
    }

    @Test func validRequestUpgrades() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        let head = try RawWebSocketClient(port: server.port).handshake(RawWebSocketClient.request(path: "/ws"))
        #expect(head.hasPrefix("HTTP/1.1 101 "))
        #expect(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
    }

    @Test func missingKeyIs400() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        let head = try Self.exchange(server.port, RawWebSocketClient.request(path: "/ws", key: "")).head
        #expect(head.hasPrefix("HTTP/1.1 400 "))
        #expect(try await server.total { $0.handshakesRejected[400] ?? 0 } == 1)
    }

    @Test func badVersionIs426WithTheSupportedVersion() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        let head = try Self.exchange(server.port, RawWebSocketClient.request(path: "/ws", version: "8")).head
        #expect(head.hasPrefix("HTTP/1.1 426 "))
        #expect(head.contains("\r\nSec-WebSocket-Version: 13"))
    }

    @Test func oversizedHeadIs431() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        let filler = "X-Filler: " + String(repeating: "a", count: 9000)
        let head = try Self.exchange(server.port, RawWebSocketClient.request(path: "/ws", extra: [filler])).head
        #expect(head.hasPrefix("HTTP/1.1 431 "))
        #expect(try await server.total { $0.handshakesRejected[431] ?? 0 } == 1)
    }

    @Test func unknownPathIs404() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        #expect(try Self.exchange(server.port, RawWebSocketClient.request(path: "/elsewhere")).head.hasPrefix("HTTP/1.1 404 "))
        #expect(try await server.total { $0.handshakesRejected[404] ?? 0 } == 1)
    }

    @Test func forbiddenOriginIs403AndAllowedOriginUpgrades() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        let evil = RawWebSocketClient.request(path: "/ws", extra: ["Origin: https://evil.example"])
        #expect(try Self.exchange(server.port, evil).head.hasPrefix("HTTP/1.1 403 "))
        let good = RawWebSocketClient.request(path: "/ws", extra: ["Origin: https://GOOD.example"])
        #expect(try RawWebSocketClient(port: server.port).handshake(good).hasPrefix("HTTP/1.1 101 "))
    }

    @Test func healthzAnswers200AndOtherPlainPaths404() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        let health = try Self.exchange(server.port, Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(health.head.hasPrefix("HTTP/1.1 200 "))
        #expect(health.body == "ok\n")
        let other = try Self.exchange(server.port, Array("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(other.head.hasPrefix("HTTP/1.1 404 "))
        #expect(try await server.total { $0.httpResponses[200] ?? 0 } == 1)
    }

    /// Over the cap of connections from one address that have not sent their request, a new one gets 503 at once;
    /// a slot comes back as soon as a held connection's request arrives. Round-robin placement: the table is shared
    /// by the loops.
    @Test func connectionsBeyondThePendingCapAreRefusedAtOnceAndSlotsComeBack() async throws {
        var configuration = WebSocketServerConfiguration()
        configuration.maximumPendingHandshakesPerAddress = 2
        let server = try TestServer(loops: 2, configuration: configuration)
        defer { server.shutdown() }
        let held = try (0..<2).map { _ in try RawWebSocketClient(port: server.port) }
        let acceptor = server.group.loops[0]
        #expect(await eventually { (try? await acceptor.submit { acceptor.counters.connectionsAccepted }) == 2 })
        let refused = String(decoding: try RawWebSocketClient(port: server.port).readToEnd(), as: UTF8.self)
        #expect(refused.hasPrefix("HTTP/1.1 503 ") && refused.contains("\r\nRetry-After: 1\r\n"))
        #expect(try await server.total { $0.pendingHandshakeRefusals } == 1)
        let health = Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        #expect(try held[0].handshake(health).hasPrefix("HTTP/1.1 200 "))
        #expect(try Self.exchange(server.port, health).head.hasPrefix("HTTP/1.1 200 "))
        #expect(try held[1].handshake(health).hasPrefix("HTTP/1.1 200 "))
        #expect(try await server.total { $0.pendingHandshakeRefusals } == 1)
    }

    @Test func headGetsTheHeadOfTheGetAnswer() async throws {
        let server = try Self.makeServer()
        defer { server.shutdown() }
        let answer = try Self.exchange(server.port, Array("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(answer.head.hasPrefix("HTTP/1.1 200 ") && answer.head.contains("Content-Length: 3"))
        #expect(answer.body.isEmpty)
    }

    @Test func httpRouteHookAnswersPlainRequests() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "test-server")
        defer { group.shutdown() }
        let server = WebSocketServer(httpRoute: { request in
            request.path == "/version" ? HTTPResponse.plain(.ok, body: Array("1.0".utf8)) : nil
        }, upgradeRoute: { _ in .accept(ProbeHandler()) })
        let listener = try server.listen(on: group, host: "127.0.0.1", port: 0)
        let answer = try Self.exchange(listener.port, Array("GET /version HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(answer.head.hasPrefix("HTTP/1.1 200 "))
        #expect(answer.body == "1.0")
    }

    @Test func headersTrickledPastTheDeadlineAreClosedWithoutUpgrade() async throws {
        let server = try Self.makeServer(handshakeTimeout: .milliseconds(200))
        defer { server.shutdown() }
        let client = try RawWebSocketClient(port: server.port)
        let request = RawWebSocketClient.request(path: "/ws")
        var sent = 0
        while sent < request.count {
            do {
                try client.write([request[sent]])
            } catch {
                break
            }
            sent += 1
            if try await server.total({ $0.handshakeTimeouts }) > 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(sent < request.count)
        let rest = try client.readToEnd()
        #expect(!String(decoding: rest, as: UTF8.self).contains("101"))
        #expect(try await server.total { $0.handshakeTimeouts } == 1)
        #expect(try await server.total { $0.handshakesCompleted } == 0)
    }
}
