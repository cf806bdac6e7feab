import TestSupport
import Testing
@testable import OrreryWebSocket

@Suite struct ClientHandshakeTests {
    /// The RFC 6455 sample nonce "the sample nonce" as key bytes.
    static let keyBytes = Array("the sample nonce".utf8)
    static let accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    private func client(protocols: [String] = []) throws -> ClientHandshake {
        ClientHandshake(url: try WebSocketURL(parsing: "ws://127.0.0.1:9001/play?room=3"), keyBytes: Self.keyBytes,
                        protocols: protocols, headers: [("X-Ticket", "abc")])
    }

    private func response(_ lines: [String]) -> [UInt8] {
        Array(("HTTP/1.1 101 Switching Protocols\r\n" + lines.map { $0 + "\r\n" }.joined() + "\r\n").utf8)
    }

    private static let good = ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Accept: \(accept)"]

    @Test func requestShape() throws {
        let handshake = try client(protocols: ["orrery.v1", "orrery.v0"])
        #expect(handshake.key == "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(String(decoding: handshake.request, as: UTF8.self) == """
            GET /play?room=3 HTTP/1.1\r
            Host: 127.0.0.1:9001\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Version: 13\r
            Sec-WebSocket-Protocol: orrery.v1, orrery.v0\r
            X-Ticket: abc\r
            \r

            """)
        // The server side accepts what the client sends.
        var server = ServerHandshake(configuration: ServerHandshakeConfiguration(supportedProtocols: ["orrery.v0"]))
        guard case .upgrade(let upgrade, let reply, _) = server.receive(handshake.request[...]) else {
            Issue.record("server rejected the client request")
            return
        }
        #expect(upgrade.selectedProtocol == "orrery.v0")
        var verifying = handshake
        #expect(try verifying.receive(reply[...]) == .upgraded(selectedProtocol: "orrery.v0", remainder: []))
    }

    @Test func keyComesFromTheInjectedGenerator() {
        var first = TestRandom(seed: 9)
        var second = TestRandom(seed: 9)
        let url = WebSocketURL(host: "localhost")
        let a = ClientHandshake(url: url, using: &first)
        let b = ClientHandshake(url: url, using: &second)
        let c = ClientHandshake(url: url, using: &second)
        #expect(a.key == b.key && a.key != c.key)
        #expect(a.key.utf8.count == 24)
        #expect(String(decoding: a.request, as: UTF8.self).hasPrefix("GET / HTTP/1.1\r\nHost: localhost\r\n"))
    }

    @Test(arguments: [Int.max, 1, 5])
    func verifiesTheResponseFedInPiecesAndReturnsLeftovers(chunk: Int) throws {
        var handshake = try client()
        let input = response(Self.good) + [0x81, 0x02, 0x68, 0x69]
        var start = 0
        var result = ClientHandshake.Result.needMore
        while result == .needMore && start < input.count {
            let end = min(input.count, start &+ chunk)
            result = try handshake.receive(input[start..<end])
            start = end
        }
        guard case .upgraded(let chosen, let remainder) = result else {
            Issue.record("not upgraded")
            return
        }
        #expect(chosen == nil)
        #expect(Array(remainder) + Array(input[start...]) == [0x81, 0x02, 0x68, 0x69])
    }

    @Test func rejectsBadResponses() throws {
        let cases: [([String], String, HandshakeError)] = [
            (["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA="],
             "101", .invalidAccept),
            (["Upgrade: websocket", "Connection: Upgrade"], "101", .invalidAccept),
            (["Connection: Upgrade", "Sec-WebSocket-Accept: \(Self.accept)"], "101", .missingUpgrade),
            (["Upgrade: websocket", "Sec-WebSocket-Accept: \(Self.accept)"], "101", .missingConnectionUpgrade),
            (Self.good + ["Sec-WebSocket-Protocol: never-offered"], "101", .unofferedProtocol("never-offered")),
            (Self.good + ["Sec-WebSocket-Extensions: permessage-deflate"], "101", .unofferedExtension("permessage-deflate")),
            (Self.good, "403", .unexpectedStatus(403)),
        ]
        for (lines, status, expected) in cases {
            var handshake = try client(protocols: ["orrery.v1"])
            let text = "HTTP/1.1 \(status) Whatever\r\n" + lines.map { $0 + "\r\n" }.joined() + "\r\n"
            #expect(throws: expected) { try handshake.receive(Array(text.utf8)[...]) }
        }
        var garbage = try client()
        #expect(throws: HandshakeError.malformed("status line")) { try garbage.receive(Array("SSH-2.0\r\n\r\n".utf8)[...]) }
    }

    @Test func parsesURLs() throws {
        #expect(try WebSocketURL(parsing: "ws://example.com") == WebSocketURL(host: "example.com"))
        #expect(try WebSocketURL(parsing: "ws://h:8080?x=1") == WebSocketURL(host: "h", port: 8080, path: "/", query: "x=1"))
        let v6 = try WebSocketURL(parsing: "ws://[::1]:9001/a/b")
        #expect(v6.host == "[::1]" && v6.port == 9001 && v6.path == "/a/b" && v6.hostField == "[::1]:9001")
        #expect(WebSocketURL(host: "h", path: "/p", query: "q").requestTarget == "/p?q")
        for bad in ["http://h/", "wss://h/", "ws://", "ws://h:0/", "ws://h:99999/", "ws://h:x/", "ws://u@h/", "ws://h/#f"] {
            #expect(throws: HandshakeError.invalidURL(bad)) { try WebSocketURL(parsing: bad) }
        }
    }
}
