import OrreryClient
import OrreryPosix
import OrreryWire
import Testing
@testable import OrrerySpectator

@Suite struct SpectatorSessionTests {
    private let millisecond: Int64 = 1_000_000

    /// A session fed a welcome (60 bytes), a reset with the fixture's entities (200 bytes) and a pong (20 bytes).
    private func started() throws -> SpectatorSession {
        var session = SpectatorSession(universe: "arena")
        try session.receive(.welcome(Fixture.welcome()), byteCount: 60, at: 100 * millisecond)
        try session.receive(.reset(ResetFrame(seq: 1, tick: 10, lastInputSeq: 0, avatarId: 0,
                                              entities: Fixture.entities)), byteCount: 200, at: 110 * millisecond)
        try session.receive(.pong(Pong(clientTimestamp: 100_000, serverTick: 10)), byteCount: 20, at: 112 * millisecond)
        return session
    }

    private func status(_ screen: Screen) -> String { screen.line(screen.size.rows - 1) }

    @Test func screenIsTheMapAboveTheStatusLine() throws {
        var session = try started()
        let screen = session.screen(nowTick: 10, size: Fixture.size, at: 500 * millisecond)
        let blank = String(repeating: " ", count: 20)
        #expect(screen.text == [
            blank,
            blank,
            "n------------------+",
            "|      o       ·   |",
            "|         →        |",
            "|                  |",
            "| O              ? |",
            "+------------------+",
            blank,
            blank,
            "arena  tick 10  seq ",
        ].joined(separator: "\n"))
    }

    @Test func statusLineReportsTheSession() throws {
        var session = try started()
        let wide = TerminalSize(columns: 160, rows: 12)
        let screen = session.screen(nowTick: 9, size: wide, at: 500 * millisecond)
        #expect(status(screen) == ("arena  tick 10  seq 1  in view 6  280 B/s  rtt 12 ms  delay 50 ms  zoom 1x  "
                                   + "follow off  |  arrows pan  +/- zoom  f follow  q quit").padding(160))
        // 60 ticks later the ship has been dead-reckoned out of the world (no frame told of its bounce).
        let later = session.screen(nowTick: 70, size: wide, at: 3110 * millisecond)
        #expect(status(later).hasPrefix("arena  tick 10  seq 1  no frame for 3.0 s  in view 5  0 B/s  rtt 12 ms  "
                                        + "delay -3000 ms  zoom 1x"))
    }

    @Test func beforeTheWelcomeOnlyTheStatusLineIsDrawn() {
        var session = SpectatorSession(universe: "lobby")
        let quits = [Key.follow, .left, .zoomIn].map { session.handle($0) }
        #expect(quits == [false, false, false])
        let screen = session.screen(nowTick: 0, size: TerminalSize(columns: 40, rows: 3), at: 0)
        let blank = String(repeating: " ", count: 40)
        #expect(screen.text == blank + "\n" + blank + "\n" + "lobby  waiting for welcome  |  arrows pa")
        #expect(session.viewport == nil)
    }

    @Test func onlyQuitQuits() throws {
        var session = try started()
        let quits = [Key.up, .down, .left, .right, .zoomIn, .zoomOut, .follow, .quit].map { session.handle($0) }
        #expect(quits == [false, false, false, false, false, false, false, true])
    }

    @Test func keysPanAndZoomTheViewOfTheLastFrameSize() throws {
        var session = try started()
        _ = session.screen(nowTick: 10, size: Fixture.size, at: 0)
        _ = session.handle(.right)
        #expect(session.viewport?.center == RenderPosition(x: 6000, y: 2000))
        _ = session.handle(.zoomIn)
        _ = session.handle(.zoomIn)
        _ = session.handle(.zoomOut)
        #expect(session.viewport?.zoom == 2)
        _ = session.handle(.down)
        #expect(session.viewport?.center == RenderPosition(x: 6000, y: 1000))
    }

    @Test func followKeepsTheShipCentredUntilAPan() throws {
        var session = try started()
        _ = session.handle(.follow)
        #expect(session.viewport?.following == 5)
        for tick in [10.0, 11.0, 12.5] {
            let screen = session.screen(nowTick: tick, size: Fixture.size, at: 0)
            let row = Array(screen.line(4))
            #expect(row[10] == "→" && row.filter { $0 == "→" }.count == 1, "tick \(tick)")
        }
        #expect(session.viewport?.center == RenderPosition(x: 6000, y: 2000))
        #expect(session.statusLine(nowTick: 12.5, inView: 1, at: 0).text.contains("  follow #5  |"))
        _ = session.handle(.left)
        #expect(session.viewport?.following == nil)
        #expect(session.viewport?.center == RenderPosition(x: 4000, y: 2000))
        let screen = session.screen(nowTick: 13.5, size: Fixture.size, at: 0)
        #expect(screen.line(4) == "|" + String(repeating: " ", count: 16) + "→ |")
        #expect(session.statusLine(nowTick: 13.5, inView: 1, at: 0).text.contains("  follow off  |"))
    }

    @Test func followedShipThatLeavesIsReportedGone() throws {
        var session = try started()
        _ = session.handle(.follow)
        try session.receive(.eventFrame(EventFrame(seq: 2, tick: 11, lastInputSeq: 0, events: [.destroyed(id: 5, reason: .shot)])),
                            byteCount: 10, at: 0)
        let screen = session.screen(nowTick: 11, size: TerminalSize(columns: 160, rows: 11), at: 0)
        #expect(status(screen).contains("  follow #5 (gone)  |"))
        #expect(session.stats.frames == 2)
    }

    @Test func renderRedrawsOnlyChangedLines() throws {
        var session = try started()
        let replica = try Fixture.replica([Fixture.ship])
        session.replica = replica
        let first = session.render(nowTick: 10, size: Fixture.size, at: 0)
        #expect(first.hasPrefix("\u{1B}[H\u{1B}[2J\u{1B}[1;1H"))
        #expect(first.filter { $0 == "\u{1B}" }.count == 2 + 11)
        #expect(session.render(nowTick: 10, size: Fixture.size, at: 0) == "")
        let moved = session.render(nowTick: 11, size: Fixture.size, at: 0)
        #expect(moved == "\u{1B}[5;1H|           →      |")
        session.invalidate()
        #expect(session.render(nowTick: 11, size: Fixture.size, at: 0).hasPrefix("\u{1B}[H\u{1B}[2J"))
        let resized = session.render(nowTick: 11, size: TerminalSize(columns: 30, rows: 11), at: 0)
        #expect(resized.hasPrefix("\u{1B}[H\u{1B}[2J"))
        #expect(session.size == TerminalSize(columns: 30, rows: 11))
    }

    @Test func replicaErrorsPropagate() throws {
        var session = try started()
        do {
            try session.receive(.eventFrame(EventFrame(seq: 5, tick: 12, lastInputSeq: 0, events: [])),
                                byteCount: 10, at: 0)
            Issue.record("a frame after a gap was accepted")
        } catch {
            #expect(error == .sequenceGap(expected: 2, received: 5))
        }
        #expect(session.replica.lastSeq == 1)
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
