import Testing
@testable import OrreryWebSocket

@Suite struct ServerHandshakeTests {
    static let rfcRequest = """
        GET /chat?room=7 HTTP/1.1\r
        Host: server.example.com\r
        Upgrade: websocket\r
        Connection: keep-alive, Upgrade\r
        Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
        Origin: http://example.com\r
        Sec-WebSocket-Protocol: chat, superchat\r
        Sec-WebSocket-Version: 13\r
        \r

        """

    private func handshake(_ text: String, chunk: Int = Int.max,
                           configuration: ServerHandshakeConfiguration = ServerHandshakeConfiguration()) -> ServerHandshake.Result {
        var server = ServerHandshake(configuration: configuration)
        let input = Array(text.utf8)
        var start = 0
        var result = ServerHandshake.Result.needMore
        while start < input.count, result == .needMore {
            let end = min(input.count, start &+ chunk)
            result = server.receive(input[start..<end])
            start = end
        }
        return result
    }

    private func request(_ lines: [String], method: String = "GET", target: String = "/chat") -> String {
        "\(method) \(target) HTTP/1.1\r\n" + lines.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    private static let good = ["Host: h", "Upgrade: websocket", "Connection: Upgrade",
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"]

    private func rejection(_ result: ServerHandshake.Result) -> (HandshakeError, String)? {
        guard case .reject(let error, let response) = result else { return nil }
        return (error, String(decoding: response, as: UTF8.self))
    }

    @Test func acceptValueFromRFC6455() {
        #expect(WebSocketAccept.value(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test(arguments: [Int.max, 1, 7])
    func acceptsTheRFCExampleFedInPieces(chunk: Int) {
        let configuration = ServerHandshakeConfiguration(webSocketPaths: ["/chat"], allowedOrigins: ["HTTP://example.com"],
                                                         supportedProtocols: ["superchat", "chat"])
        guard case .upgrade(let upgrade, let response, let remainder) = handshake(Self.rfcRequest, chunk: chunk,
                                                                                  configuration: configuration) else {
            Issue.record("expected an upgrade")
            return
        }
        #expect(upgrade.path == "/chat" && upgrade.query == "room=7")
        #expect(upgrade.origin == "http://example.com")
        #expect(upgrade.offeredProtocols == ["chat", "superchat"])
        #expect(upgrade.selectedProtocol == "superchat")
        #expect(upgrade.request.headers["host"] == "server.example.com")
        #expect(remainder.isEmpty)
        #expect(String(decoding: response, as: UTF8.self) == """
            HTTP/1.1 101 Switching Protocols\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
            Sec-WebSocket-Protocol: superchat\r
            \r

            """)
    }

    @Test func bytesAfterTheHeadAreHandedBack() {
        var server = ServerHandshake()
        let frameBytes: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        let input = Array(request(Self.good).utf8) + frameBytes
        let first = server.receive(input[..<10])
        #expect(first == .needMore)
        guard case .upgrade(let upgrade, _, let remainder) = server.receive(input[10...]) else {
            Issue.record("expected an upgrade")
            return
        }
        #expect(Array(remainder) == frameBytes)
        #expect(upgrade.selectedProtocol == nil)
    }

    @Test func repeatedHeadersCombineAndNamesIgnoreCase() {
        let text = request(["host: h", "UPGRADE: WebSocket", "connection: keep-alive", "CONNECTION: upgrade",
                            "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-Websocket-Version:13",
                            "Sec-WebSocket-Protocol: a", "Sec-WebSocket-Protocol: b ,c"])
        guard case .upgrade(let upgrade, _, _) = handshake(text) else {
            Issue.record("expected an upgrade")
            return
        }
        #expect(upgrade.request.headers["Connection"] == "keep-alive, upgrade")
        #expect(upgrade.offeredProtocols == ["a", "b", "c"])
    }

    @Test func plainGetIsClassifiedAsPlain() {
        let result = handshake("GET /healthz?verbose HTTP/1.1\r\nHost: h\r\n\r\n", chunk: 1)
        guard case .plainRequest(let head) = result else {
            Issue.record("expected a plain request")
            return
        }
        #expect(head.path == "/healthz" && head.query == "verbose" && head.method == "GET")
        let response = String(decoding: HTTPResponse.plain(.ok, body: Array("ok\n".utf8)), as: UTF8.self)
        #expect(response == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n")
    }

    @Test func rejectsMissingOrBadKey() {
        for key in [nil, "dG9vIHNob3J0", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "dGhlIHNhbXBsZSBub25jZQ", "!!!!!!!!!!!!!!!!!!!!!!!="] {
            var lines = Self.good.filter { !$0.hasPrefix("Sec-WebSocket-Key") }
            if let key { lines.append("Sec-WebSocket-Key: \(key)") }
            let rejected = rejection(handshake(request(lines)))
            #expect(rejected?.0 == .invalidKey, "key \(key ?? "missing")")
            #expect(rejected?.1.hasPrefix("HTTP/1.1 400 Bad Request\r\n") == true)
        }
    }

    @Test func wrongOrMissingVersionIs426WithVersionHeader() {
        for version in [nil, "8", "14"] {
            var lines = Self.good.filter { !$0.hasPrefix("Sec-WebSocket-Version") }
            if let version { lines.append("Sec-WebSocket-Version: \(version)") }
            let rejected = rejection(handshake(request(lines)))
            #expect(rejected?.0 == .unsupportedVersion(version))
            #expect(rejected?.1.hasPrefix("HTTP/1.1 426 Upgrade Required\r\n") == true)
            #expect(rejected?.1.contains("\r\nSec-WebSocket-Version: 13\r\n") == true)
            #expect(rejected?.1.contains("\r\nConnection: close\r\n") == true)
        }
    }

    @Test func missingUpgradeConnectionOrHost() {
        let noUpgrade = Self.good.filter { !$0.hasPrefix("Upgrade") }
        #expect(rejection(handshake(request(noUpgrade)))?.0 == .missingUpgrade)
        let wrongUpgrade = noUpgrade + ["Upgrade: h2c"]
        #expect(rejection(handshake(request(wrongUpgrade)))?.0 == .missingUpgrade)
        let noConnection = Self.good.filter { !$0.hasPrefix("Connection") }
        #expect(rejection(handshake(request(noConnection)))?.0 == .missingConnectionUpgrade)
        let keepAlive = noConnection + ["Connection: keep-alive"]
        #expect(rejection(handshake(request(keepAlive)))?.0 == .missingConnectionUpgrade)
        let noHost = Self.good.filter { !$0.hasPrefix("Host") }
        #expect(rejection(handshake(request(noHost)))?.0 == .missingHost)
        #expect(HandshakeError.missingHost.status == .badRequest)
    }

    @Test func oversizedHeadIs431() {
        let configuration = ServerHandshakeConfiguration()
        let big = request(Self.good + ["X-Filler: " + String(repeating: "x", count: 8200)])
        for chunk in [Int.max, 1000] {
            let rejected = rejection(handshake(big, chunk: chunk, configuration: configuration))
            #expect(rejected?.0 == .headTooLarge(limit: 8192))
            #expect(rejected?.1.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n") == true)
        }
        let many = request(Self.good + (0..<10).map { "X-\($0): y" })
        let limited = ServerHandshakeConfiguration(maxHeaders: 12)
        #expect(rejection(handshake(many, configuration: limited))?.0 == .tooManyHeaders(limit: 12))
        #expect(rejection(handshake(many, configuration: limited))?.0.status.code == 431)
    }

    @Test func nonGetIs405() {
        let rejected = rejection(handshake(request(Self.good, method: "POST")))
        #expect(rejected?.0 == .methodNotAllowed("POST"))
        #expect(rejected?.1.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n") == true)
        #expect(rejected?.1.contains("\r\nAllow: GET, HEAD\r\n") == true)
        let headUpgrade = rejection(handshake(request(Self.good, method: "HEAD")))
        #expect(headUpgrade?.0 == .methodNotAllowed("HEAD"))
    }

    @Test func plainHeadIsClassifiedAsPlainAndItsResponseLosesTheBody() {
        guard case .plainRequest(let head) = handshake("HEAD /healthz HTTP/1.1\r\nHost: h\r\n\r\n") else {
            Issue.record("expected a plain request")
            return
        }
        #expect(head.method == "HEAD")
        let full = HTTPResponse.plain(.ok, body: Array("ok\n".utf8))
        #expect(HTTPResponse.head(of: full) == Array(full.dropLast(3)))
    }

    @Test func malformedRequestsAre400() {
        let malformed = [
            "GET /chat\r\n\r\n", "GET  /chat HTTP/1.1\r\n\r\n", "GET chat HTTP/1.1\r\n\r\n",
            "GET /chat HTTP/2.0\r\n\r\n", "G(T /chat HTTP/1.1\r\n\r\n", "GET /chat HTTP/1.1\r\nNoColon\r\n\r\n",
            "GET /chat HTTP/1.1\r\n folded: x\r\n\r\n", "GET /chat HTTP/1.1\r\nBad Name: x\r\n\r\n",
            "GET /chat HTTP/1.1\r\nX: a\u{1}b\r\n\r\n", "\r\n\r\n",
        ]
        for text in malformed {
            let rejected = rejection(handshake(text))
            guard case .malformed = rejected?.0 else {
                Issue.record("not rejected as malformed: \(text.debugDescription)")
                continue
            }
            #expect(rejected?.1.hasPrefix("HTTP/1.1 400 Bad Request\r\n") == true)
        }
        let http10 = "GET /chat HTTP/1.0\r\n" + Self.good.map { $0 + "\r\n" }.joined() + "\r\n"
        #expect(rejection(handshake(http10))?.0.status == .badRequest)
    }

    @Test func routesAndOriginsComeFromTheConfiguration() {
        let configuration = ServerHandshakeConfiguration(webSocketPaths: ["/play"], allowedOrigins: ["https://game.example"])
        let unknown = rejection(handshake(request(Self.good, target: "/chat"), configuration: configuration))
        #expect(unknown?.0 == .notFound(path: "/chat"))
        #expect(unknown?.1.hasPrefix("HTTP/1.1 404 Not Found\r\n") == true)
        let foreign = request(Self.good + ["Origin: https://evil.example"], target: "/play?x=1")
        let forbidden = rejection(handshake(foreign, configuration: configuration))
        #expect(forbidden?.0 == .forbiddenOrigin("https://evil.example"))
        #expect(forbidden?.1.hasPrefix("HTTP/1.1 403 Forbidden\r\n") == true)
        let allowed = request(Self.good + ["Origin: https://GAME.example"], target: "/play?x=1")
        guard case .upgrade = handshake(allowed, configuration: configuration) else {
            Issue.record("allowed origin rejected")
            return
        }
        guard case .upgrade = handshake(request(Self.good, target: "/play"), configuration: configuration) else {
            Issue.record("request without Origin rejected")
            return
        }
    }

    @Test func noCommonSubprotocolMeansNone() {
        let configuration = ServerHandshakeConfiguration(supportedProtocols: ["orrery.v1"])
        guard case .upgrade(let upgrade, let response, _) = handshake(
            request(Self.good + ["Sec-WebSocket-Protocol: other"]), configuration: configuration) else {
            Issue.record("expected an upgrade")
            return
        }
        #expect(upgrade.selectedProtocol == nil)
        #expect(!String(decoding: response, as: UTF8.self).contains("Sec-WebSocket-Protocol"))
    }
}
