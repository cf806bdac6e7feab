import Foundation
import OrreryNet
@testable import OrreryServer
import OrreryWebSocket
import OrreryWire
import TestSupport
import Testing

/// Issue 14, items 1-4: limits before the handshake, accepts off the tick loops, every refusal and drop counted
/// and logged, over real sockets.
@Suite(.serialized) struct RelayHardeningTests {
    /// The finding: bare TCP sockets from one address that never send a request held descriptors until the
    /// handshake deadline, and a new player waited seconds for its 101. Beyond the cap they are now refused at once.
    @Test func bareSocketsBeyondThePendingCapAreRefusedAndANewPlayerIsStillWelcomed() async throws {
        let fixture = try RelayFixture {
            $0.maximumPendingHandshakesPerIP = 8
            // The held sockets must outlive the test however slow the machine is: no handshake deadline in reach.
            $0.policy.helloTimeoutNanoseconds = 600_000_000_000
        }
        // Another loopback address stands for the attacking host.
        let sockets = try (0..<40).map { _ in try RawClient(port: fixture.server.port, from: "127.0.0.2") }
        #expect(await eventually { fixture.counter(ServerMetrics.connectionsRefused, ["pending_handshakes"]) == 32 })
        let player = try await fixture.join("demo")
        #expect(player.snapshot.welcomes.count == 1 && player.snapshot.closeCode == nil)
        var refused = 0
        var held = 0
        for socket in sockets {
            guard let first = try socket.poll() else {
                held += 1
                continue
            }
            let response = String(decoding: first + (try socket.read { _ in false }), as: UTF8.self)
            if response.hasPrefix("HTTP/1.1 503 "), headerValue("Retry-After", in: response) == "1" { refused += 1 }
        }
        #expect(refused == 32 && held == 8)
        let metrics = try httpGet(port: fixture.server.port, "/metrics").body
        #expect(metrics.contains("orrery_connections_refused_total{reason=\"pending_handshakes\"} 32\n"))
        #expect(await eventually { fixture.logged("refused", ["reason=pending_handshakes"]) })
    }

    @Test func plainRequestsOverTheRateGet429WithRetryAfter() async throws {
        let fixture = try RelayFixture { $0.httpRequestsPerIPPerSecond = 0.5 }
        let port = fixture.server.port
        #expect(try httpRequest(port: port, "GET", "/orrery.js").status == 200)
        let limited = try httpRequest(port: port, "GET", "/orrery.js")
        #expect(limited.status == 429 && headerValue("Retry-After", in: limited.head) == "2")
        #expect(try httpRequest(port: port, "GET", "/metrics").status == 429)
        let player = try await fixture.join("demo")
        #expect(player.snapshot.welcomes.count == 1)
        #expect(await eventually {
            fixture.counter(ServerMetrics.httpResponses, ["429"]) == 2 && fixture.counter(ServerMetrics.httpResponses, ["200"]) == 1
        })
        #expect(await eventually { fixture.logged("refused", ["reason=http_rate_limit"]) })
    }

    /// The placement rule: the front loop accepts and handshakes every connection (game and plain HTTP); universes
    /// tick on the other loops only.
    @Test func theFrontLoopAcceptsAndHandshakesAndNeverTicks() async throws {
        let fixture = try RelayFixture {
            $0.loops = 3
            $0.universes = ["a", "b", "c", "d"]
        }
        for name in ["a", "b", "c", "d", "a", "b"] { _ = try await fixture.join(name) }
        #expect(try httpGet(port: fixture.server.port, "/healthz").status == 200)
        let loops = fixture.server.universes.map(\.loop)
        #expect(loops.count == 4 && !loops.contains(RelayServer.frontLoop) && Set(loops) == [1, 2])
        var accepted: [UInt64] = []
        var handshakes: [UInt64] = []
        var ticking: [Int] = []
        for state in fixture.server.states {
            let loop = state.loop
            accepted.append(try await loop.submit { loop.counters.connectionsAccepted })
            handshakes.append(try await loop.submit {
                loop.webSocketCounters.handshakesCompleted + loop.webSocketCounters.httpResponses.values.reduce(0, +)
            })
            ticking.append(try await loop.submit { state.runners.count })
        }
        #expect(accepted == [7, 0, 0] && handshakes == [7, 0, 0])
        #expect(ticking == [0, 2, 2])
    }

    /// An upgraded connection waits on the front loop until its first message, so thousands of silent upgrades cost
    /// the universe's loop nothing; the join then travels with it to the universe's loop.
    @Test func aConnectionWaitsOnTheFrontLoopUntilItsFirstMessage() async throws {
        let fixture = try RelayFixture()
        let client = GameClient(universe: "demo", truth: nil)
        #expect(await fixture.open(client) == nil)
        let loops = fixture.server.states.map(\.loop)
        func open() async throws -> [Int] {
            var counts: [Int] = []
            for loop in loops { counts.append(try await loop.submit { loop.webSocketConnections.count }) }
            return counts
        }
        #expect(await eventually { (try? await open()) == [1, 0] })
        client.send(.join(Join(role: .player)))
        #expect(await eventually { client.snapshot.welcomes.count == 1 })
        #expect(try await open() == [0, 1])
        _ = await eventually { client.snapshot.frames >= 3 }
        #expect(client.snapshot.frames >= 3 && client.snapshot.problems.isEmpty)
    }

    @Test func withOneLoopTheFrontLoopAlsoTicks() async throws {
        let fixture = try RelayFixture { $0.loops = 1 }
        _ = try await fixture.join("demo")
        #expect(fixture.server.universes.map(\.loop) == [0])
    }

    /// `orrery serve` with few descriptors: sockets that exhaust them make the listener pause (not spin), which is
    /// counted and logged, and accepting resumes once they are gone.
    @Test func runningOutOfDescriptorsPausesAcceptingAndIsCountedAndLogged() async throws {
        let binary = ServeShutdownTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build orrery first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 40 && exec \"$0\" serve --port 0 --loops 2 --metrics-interval 50ms",
                             binary.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let log = Recorder<String>()
        errors.fileHandleForReading.readabilityHandler = { log.record(String(decoding: $0.availableData, as: UTF8.self)) }
        try process.run()
        defer {
            errors.fileHandleForReading.readabilityHandler = nil
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(line.split(separator: ":").last?.prefix { $0.isNumber } ?? ""), "\(line)")
        var sockets = try (0..<60).map { _ in try RawClient(port: port) }
        #expect(await eventually { log.all.joined().contains("event=accept_paused reason=out_of_descriptors") })
        sockets.removeAll()
        #expect(sockets.isEmpty)
        #expect(await eventually {
            guard let metrics = try? httpGet(port: port, "/metrics").body else { return false }
            return metrics.contains("orrery_accept_pauses_total ") && !metrics.contains("orrery_accept_pauses_total 0\n")
        })
        kill(process.processIdentifier, SIGTERM)
        #expect(await eventually { !process.isRunning })
    }

    /// Every close code a game connection can end with moves `orrery_connections_closed_total{code}` and is logged.
    /// Not walked here: 4004 (`aSlowReader...` below), 4009 (`helloTimeoutsAreCountedAndLogged`), 1001 (at
    /// shutdown, after the last scrape), 4006 and 1011 (unreachable from a client), 4007 (no kick yet).
    @Test func everyCloseCodeIsCountedAndLogged() async throws {
        let fixture = try RelayFixture {
            $0.policy.maximumPlayers = 2
            $0.policy.maximumSpectators = 0
            $0.policy.input = InputLimiter.Policy(ratePerSecond: 0.01, burst: 2, maximumDrops: 2)
        }
        func opened() async throws -> GameClient {
            let client = GameClient(universe: "demo", truth: nil)
            if let error = await fixture.open(client) { throw error }
            return client
        }
        let leaver = try await opened()
        let webSocket = try #require(leaver.webSocket)
        webSocket.loop.execute { webSocket.close(code: .normalClosure) }
        try await opened().sendRaw(Array("hello".utf8), kind: .text)
        try await opened().cut()
        try await opened().sendRaw([0xff, 0xfe], kind: .text)
        try await opened().sendRaw([UInt8](repeating: 1, count: RelayConfiguration().maximumMessageBytes + 1))
        try await opened().sendRaw([0x7f])
        try await opened().send(.join(Join(version: 9, role: .player)))
        try await opened().send(.resume(Resume(token: ResumeToken(low: 1, high: 2), lastSeq: 0)))
        try await opened().send(.join(Join(role: .spectator)))
        let flooder = try await fixture.join("demo")
        for seq in 1...6 { flooder.send(.input(PlayerInput(seq: UInt32(seq), heading: 0, throttle: 9, actions: 0))) }
        #expect(await eventually { flooder.snapshot.closeCode == 1008 })
        let first = try await fixture.join("demo")
        try await opened().send(.join(Join(role: .player)))
        try await opened().send(.resume(Resume(token: first.snapshot.welcomes[0].resumeToken, lastSeq: 0)))
        let raw = try RawClient(port: fixture.server.port)
        _ = try raw.upgrade()
        try raw.write([0x82, 0x01, 0x00])
        let codes: [UInt16] = [1000, 1002, 1003, 1006, 1007, 1008, 1009, 4000, 4001, 4002, 4003, 4008, 4010]
        #expect(await eventually { codes.allSatisfy { fixture.counter(ServerMetrics.closes, ["\($0)"]) == 1 } },
                "\(codes.map { ($0, fixture.counter(ServerMetrics.closes, ["\($0)"])) })")
        #expect(fixture.counter(ServerMetrics.joinsRefused) == 2 && fixture.counter(ServerMetrics.joins) == 2)
        for code in codes { #expect(fixture.logged("connection_closed", ["code=\(code)"]), "\(code)") }
        #expect(fixture.logged("connection_opened", ["universe=demo"]) && fixture.logged("join", ["role=player"]))
        #expect(fixture.logged("resume", ["outcome=rejected"]) && fixture.logged("resume", ["outcome=replayed"]))
    }

    @Test func helloTimeoutsAreCountedAndLogged() async throws {
        let fixture = try RelayFixture { $0.policy.helloTimeoutNanoseconds = 200_000_000 }
        let quiet = GameClient(universe: "demo", truth: nil)
        #expect(await fixture.open(quiet) == nil)
        #expect(await eventually { quiet.snapshot.closeCode == 4009 })
        #expect(await eventually { fixture.counter(ServerMetrics.closes, ["4009"]) == 1 })
        #expect(fixture.counter(ServerMetrics.protocolErrors, ["hello_timeout"]) == 1)
        #expect(fixture.logged("connection_closed", ["code=4009"]))
    }

    /// Every plain and handshake status the server answers moves its counter: `orrery_http_responses_total{status}`
    /// for plain requests, `orrery_handshakes_rejected_total{reason}` for refused upgrades. Covered elsewhere: 429
    /// and 503 of the upgrade limits (`RelayLimitTests`), 401 and 403 of tickets (`RelayRouteTests`), 429 of the
    /// plain rate and 503 of the pending cap (above).
    @Test func everyHTTPStatusIsCounted() async throws {
        let fixture = try RelayFixture { $0.allowedOrigins = ["https://game.example"] }
        let port = fixture.server.port
        let plain = [("/healthz", 200), ("/", 302), ("/nowhere", 404), ("/universes/demo", 426)]
        for (path, status) in plain { #expect(try httpRequest(port: port, "GET", path).status == status, "\(path)") }
        let upgrade = ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="]
        let game = upgrade + ["Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: orrery.v1"]
        let refusals: [(method: String, path: String, headers: [String], status: Int, reason: String)] = [
            ("GET", "/universes/demo", game + ["Origin: https://evil.example"], 403, "http_403"),
            ("POST", "/universes/demo", game, 405, "http_405"),
            ("GET", "/universes/demo", upgrade + ["Sec-WebSocket-Version: 8"], 426, "http_426"),
            ("GET", "/universes/demo", game + ["X-Padding: " + String(repeating: "x", count: 9000)], 431, "http_431"),
            ("GET", "/universes/demo", ["Upgrade: websocket"], 400, "http_400"),
            ("GET", "/universes/demo", upgrade + ["Sec-WebSocket-Version: 13"], 400, "no_subprotocol"),
            ("GET", "/universes/Bad!", game, 400, "bad_universe_name"),
            ("GET", "/universes/nope", game, 404, "unknown_universe"),
            ("GET", "/elsewhere", game, 404, "not_found"),
        ]
        for refusal in refusals {
            let answer = try httpRequest(port: port, refusal.method, refusal.path, headers: refusal.headers)
            #expect(answer.status == refusal.status, "\(refusal.reason): \(answer.head)")
        }
        #expect(await eventually {
            plain.allSatisfy { fixture.counter(ServerMetrics.httpResponses, ["\($0.1)"]) == 1 }
                && refusals.allSatisfy { fixture.counter(ServerMetrics.handshakesRejected, [$0.reason]) == 1 }
        }, "\(refusals.map { ($0.reason, fixture.counter(ServerMetrics.handshakesRejected, [$0.reason])) })")
        #expect(fixture.logged("handshake_rejected", ["status=404", "reason=unknown_universe"]))
    }

    /// A connection that never answers pings is dropped (1006) and counted; so is one that never answers our close.
    @Test func silentClientsAreDroppedAndCounted() async throws {
        let fixture = try RelayFixture { $0.pingIntervalSeconds = 0.1 }
        let raw = try RawClient(port: fixture.server.port)
        _ = try raw.upgrade()
        #expect(await eventually { fixture.counter(ServerMetrics.heartbeatTimeouts) == 1 })
        #expect(await eventually { fixture.counter(ServerMetrics.closes, ["1006"]) == 1 })
        #expect(await eventually { fixture.logged("dropped", ["reason=heartbeat_timeout"]) })
    }

    @Test func clientsThatNeverAnswerOurCloseAreDroppedAndCounted() async throws {
        let fixture = try RelayFixture { $0.closeTimeoutSeconds = 0.1 }
        let raw = try RawClient(port: fixture.server.port)
        _ = try raw.upgrade()
        try raw.write([0x81, 0x82, 0, 0, 0, 0, 0x68, 0x69])
        #expect(await eventually { fixture.counter(ServerMetrics.closeTimeouts) == 1 })
        #expect(fixture.counter(ServerMetrics.closes, ["1003"]) == 1)
        #expect(await eventually { fixture.logged("dropped", ["reason=close_timeout"]) })
    }

    /// Protocol/README.md section 5.1: a reader that stops reading is closed with 4004 once more than the outbound
    /// cap is unsent; the close frame waits behind what is queued, and a reader that does not read within the close
    /// timeout is dropped all the same (the close frame reaches it only if it fitted in the socket buffers). Its
    /// session stays resumable either way.
    @Test func aSlowReaderThatNeverReadsAgainIsDroppedWithinTheCloseTimeoutAndMayResume() async throws {
        let fixture = try RelayFixture(slowReader: 0.1)
        var (raw, received, welcome) = try SlowReader.join(fixture)
        #expect(await eventually { fixture.counter(ServerMetrics.slowConsumersDropped) == 1 })
        #expect(await eventually { fixture.server.metricsSnapshot().gauge(ServerMetrics.connections) == 0 })
        // Gone without the client reading. What it finds is data frames, ending (when the socket buffers had room
        // for it, which the client does not control) with the 4004 close frame, then the end of the stream.
        received += try raw.read { _ in false }
        let frames = RawClient.frames(received[...])
        #expect(frames.dropLast().allSatisfy { $0.opcode == 2 })
        let last = try #require(frames.last)
        #expect(last.opcode == 2 || (last.opcode == 8 && Int(last.payload[0]) << 8 | Int(last.payload[1]) == 4004))
        #expect(fixture.counter(ServerMetrics.closes, ["4004"]) == 1)
        let state = await SlowReader.resume(welcome, on: fixture)
        #expect(state.welcomes.count == 2 && state.problems.isEmpty)
    }
}

/// Issue 9 item 7: the web view's files importable from another origin, HEAD on the plain routes, and a plain GET
/// on a game path saying what to do.
@Suite(.serialized) struct RelayCrossOriginTests {
    @Test func staticFilesAndTheListAllowAnyOriginWhenNoneAreConfigured() async throws {
        let fixture = try RelayFixture()
        for path in ["/orrery.js", "/view.js", "/view.css", "/view/demo", "/universes"] {
            let answer = try httpRequest(port: fixture.server.port, "GET", path, headers: ["Origin: https://my.game"])
            #expect(answer.status == 200 && headerValue("Access-Control-Allow-Origin", in: answer.head) == "*", "\(path)")
        }
    }

    @Test func staticFilesFollowTheAllowedOrigins() async throws {
        let fixture = try RelayFixture { $0.allowedOrigins = ["https://game.example"] }
        let port = fixture.server.port
        let allowed = try httpRequest(port: port, "GET", "/orrery.js", headers: ["Origin: https://game.example"])
        #expect(headerValue("Access-Control-Allow-Origin", in: allowed.head) == "https://game.example")
        #expect(headerValue("Vary", in: allowed.head) == "Origin")
        let other = try httpRequest(port: port, "GET", "/orrery.js", headers: ["Origin: https://evil.example"])
        #expect(other.status == 200 && headerValue("Access-Control-Allow-Origin", in: other.head) == nil)
    }

    @Test func headAnswersLikeGetWithoutTheBody() async throws {
        let fixture = try RelayFixture()
        let port = fixture.server.port
        for path in ["/orrery.js", "/view.js", "/view.css", "/view/demo", "/healthz", "/metrics", "/universes"] {
            let get = try httpRequest(port: port, "GET", path)
            let head = try httpRequest(port: port, "HEAD", path)
            #expect(head.status == 200 && head.body.isEmpty, "\(path)")
            #expect(headerValue("Content-Type", in: head.head) == headerValue("Content-Type", in: get.head))
            if path.hasPrefix("/view") || path == "/orrery.js" {
                #expect(headerValue("Content-Length", in: head.head) == "\(get.body.utf8.count)", "\(path)")
            }
        }
        let upgrade = try httpRequest(port: port, "HEAD", "/universes/demo",
                                      headers: ["Upgrade: websocket", "Connection: Upgrade"])
        #expect(upgrade.status == 405 && headerValue("Allow", in: upgrade.head) == "GET, HEAD")
    }

    @Test func aPlainGetOnAGamePathIs426WithUpgrade() async throws {
        let fixture = try RelayFixture()
        let answer = try httpRequest(port: fixture.server.port, "GET", "/universes/demo")
        #expect(answer.status == 426 && headerValue("Upgrade", in: answer.head) == "websocket")
        #expect(answer.body.contains("WebSocket") && answer.body.contains("orrery.v1"))
    }
}
