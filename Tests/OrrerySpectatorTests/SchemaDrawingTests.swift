import OrreryClient
import OrreryPosix
import OrreryWire
import Testing
@testable import OrrerySpectator

/// A version-2 session is drawn by its schema: declared glyphs, shapes, colours, labels and the game line.
@Suite struct SchemaDrawingTests {
    static let schema = SchemaMessage(
        game: "test-game",
        kinds: [
            WireKindStyle(code: 1, name: "runner", shape: .triangle, color: 0xE0_4040, label: 1),
            WireKindStyle(code: 2, name: "flag", shape: .diamond, color: 0x40_80FF, glyph: "F"),
            WireKindStyle(code: 3, name: "cell", shape: .circle, color: 0x40_C060),
            WireKindStyle(code: 4, name: "gem", shape: .square, color: 0xFF_FFFF, glyph: "◆"),
        ],
        entityProperties: [WirePropertySpec(name: "name", type: .string, maxLength: 16)],
        universeProperties: [WirePropertySpec(name: "score", type: .int),
                             WirePropertySpec(name: "leader", type: .string, maxLength: 16)],
        messages: [WireMessageSpec(name: "chat", format: .text)])

    /// A runner named "ann" heading east at the centre, a flag, a cell and a gem, as in `Fixture`'s world.
    static let runner = EntityRecord(id: 5, kind: 1, x: 4000, y: 2000, vx: 0, vy: 0, heading: 0, radius: 256, owner: 1,
                                     properties: [WireProperty(index: 0, value: .string("ann"))])
    static let flag = EntityRecord(id: 6, kind: 2, x: 1000, y: 1000, vx: 0, vy: 0, heading: 0, radius: 256, owner: 0)
    static let cell = EntityRecord(id: 7, kind: 3, x: 6000, y: 3000, vx: 0, vy: 0, heading: 0, radius: 256, owner: 0)
    static let gem = EntityRecord(id: 8, kind: 4, x: 7000, y: 1000, vx: 0, vy: 0, heading: 0, radius: 256, owner: 0)

    private func session(_ entities: [EntityRecord], glyphs: GlyphSet = .unicode) throws -> SpectatorSession {
        var session = SpectatorSession(universe: "game", glyphs: glyphs)
        try session.receive(.welcome(Fixture.welcome()), byteCount: 60, at: 0)
        try session.receive(.schema(Self.schema), byteCount: 80, at: 0)
        try session.receive(.reset(ResetFrame(seq: 1, tick: 10, lastInputSeq: 0, avatarId: 0, entities: entities,
                                              universeState: [WireProperty(index: 0, value: .int(3)),
                                                              WireProperty(index: 1, value: .string("ann"))])),
                            byteCount: 100, at: 0)
        return session
    }

    private func rows(_ screen: Screen) -> [String] {
        (0..<screen.size.rows).map(screen.line)
    }

    @Test func kindsAreDrawnWithTheirGlyphShapeColourAndLabel() throws {
        var session = try session([Self.runner, Self.flag, Self.cell, Self.gem])
        let screen = session.screen(nowTick: 10, size: Fixture.size, at: 0)
        let map = rows(screen)
        // One row less for the map: the game line sits above the status line.
        #expect(map[4] == "|         →ann     |")
        #expect(map[3] == "|              ●   |")
        #expect(map[5] == "| F              ◆ |")
        #expect(screen.color(column: 10, row: 4) == 0xE0_4040 && screen.color(column: 13, row: 4) == 0xE0_4040)
        #expect(screen.color(column: 2, row: 5) == 0x40_80FF && screen.color(column: 0, row: 5) == Screen.defaultColor)
        #expect(screen.color(column: 14, row: 4) == Screen.defaultColor)
        #expect(map[9] == "score 3  leader ann ")
    }

    @Test func asciiDrawsDeclaredGlyphsThatAreNotASCIIByTheirShape() throws {
        var session = try session([Self.runner, Self.flag, Self.cell, Self.gem], glyphs: .ascii)
        let map = rows(session.screen(nowTick: 10, size: Fixture.size, at: 0))
        #expect(map[5] == "| F              # |")
        #expect(map[4] == "|         Aann     |")
        #expect(map[3] == "|              o   |")
    }

    @Test func aLabelStopsAtTheNextGlyphAndNeverCoversOne() throws {
        var neighbour = Self.cell
        neighbour.x = 4000 + 2 * 400
        neighbour.y = 2000
        var session = try session([Self.runner, neighbour])
        #expect(rows(session.screen(nowTick: 10, size: Fixture.size, at: 0))[4] == "|         →a●      |")
    }

    @Test func theGameLineShowsTheLatestMessage() throws {
        var session = try session([Self.runner])
        let chat = WireGameMessage(scope: .universe, code: 0, payload: Array("ann: hi".utf8))
        try session.receive(.eventFrame(EventFrame(seq: 2, tick: 11, lastInputSeq: 0,
                                                   events: [.universeState([WireProperty(index: 0, value: .int(4))]),
                                                            .message(chat)])),
                            byteCount: 30, at: 0)
        let wide = TerminalSize(columns: 40, rows: 11)
        #expect(rows(session.screen(nowTick: 11, size: wide, at: 0))[9]
                == "score 4  leader ann  | chat: ann: hi" + String(repeating: " ", count: 4))
        #expect(session.latestMessage == "chat: ann: hi")
    }

    @Test func followPicksLabelledAndTriangleKinds() throws {
        var session = try session([Self.flag, Self.runner, Self.cell])
        #expect(session.isFollowable(Self.runner) && !session.isFollowable(Self.flag) && !session.isFollowable(Self.cell))
        _ = session.screen(nowTick: 10, size: Fixture.size, at: 0)
        _ = session.handle(.follow)
        #expect(session.viewport?.following == Self.runner.id)
    }

    @Test func colouredLinesCarry24BitColourSequences() {
        var screen = Screen(size: TerminalSize(columns: 4, rows: 1))
        screen.put("a", color: 0xE0_4040, column: 1, row: 0)
        screen.put("b", color: 0xE0_4040, column: 2, row: 0)
        #expect(screen.line(0) == " ab ")
        #expect(screen.styledLine(0) == " \u{1B}[38;2;224;64;64mab\u{1B}[39m ")
        var encoder = FrameEncoder()
        #expect(encoder.encode(screen) == "\u{1B}[H\u{1B}[2J\u{1B}[1;1H \u{1B}[38;2;224;64;64mab\u{1B}[39m ")
    }

    @Test func withoutColoursNothingIsColoured() throws {
        var session = SpectatorSession(universe: "game", colors: false)
        try session.receive(.welcome(Fixture.welcome()), byteCount: 60, at: 0)
        try session.receive(.schema(Self.schema), byteCount: 80, at: 0)
        try session.receive(.reset(ResetFrame(seq: 1, tick: 10, lastInputSeq: 0, avatarId: 0, entities: [Self.runner])),
                            byteCount: 100, at: 0)
        #expect(!session.screen(nowTick: 10, size: Fixture.size, at: 0).hasColor)
    }
}
