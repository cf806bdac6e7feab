import OrreryClient
import OrreryPosix
import OrreryWire
import Testing
@testable import OrrerySpectator

@Suite struct MapRendererTests {
    private func draw(_ replica: Replica, viewport: Viewport? = nil, tick: Double = 10,
                      glyphs: GlyphSet = .unicode) -> (String, Int) {
        var renderer = MapRenderer(glyphs: glyphs)
        var screen = Screen(size: Fixture.mapSize)
        let shown = renderer.draw(replica, viewport: viewport ?? Viewport(worldWidth: 8000, worldHeight: 4000),
                                  atTick: tick, mapSize: Fixture.mapSize, into: &screen)
        return (screen.text, shown)
    }

    @Test func goldenFitView() throws {
        let (text, shown) = draw(try Fixture.replica())
        let blank = String(repeating: " ", count: 20)
        #expect(text == [
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
        ].joined(separator: "\n"))
        #expect(shown == 6)
    }

    @Test func goldenFitViewInASCII() throws {
        let (text, _) = draw(try Fixture.replica(), glyphs: .ascii)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false)[3...6].joined(separator: "\n") == """
            |      o       .   |
            |         A        |
            |                  |
            | O              ? |
            """)
    }

    @Test func interpolationMovesGlyphsBetweenTicks() throws {
        let replica = try Fixture.replica([Fixture.ship])
        let rows = [10.0, 10.5, 11.0].map { tick in
            draw(replica, tick: tick).0.split(separator: "\n", omittingEmptySubsequences: false)[4]
        }
        #expect(rows[0] == "|         →        |")
        #expect(rows[1] == "|          →       |")
        #expect(rows[2] == "|           →      |")
    }

    @Test func entitiesOffTheMapAreSkippedAndNotCounted() throws {
        var viewport = Viewport(worldWidth: 8000, worldHeight: 4000)
        viewport.zoom(in: true)
        let (text, shown) = draw(try Fixture.replica(), viewport: viewport)
        #expect(shown == 2)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "--------------------")
        #expect(lines[1] == "     o              ")
        #expect(lines[4] == "          →         ")
        #expect(lines[9] == "--------------------")
        #expect(lines.enumerated().allSatisfy { [0, 1, 4, 9].contains($0.offset) || $0.element.allSatisfy { $0 == " " } })
    }

    @Test func borderIsAbsentWhenTheWorldEdgeIsOffTheMap() throws {
        var viewport = Viewport(worldWidth: 8000, worldHeight: 4000)
        for _ in 0..<3 { viewport.zoom(in: true) }
        let (text, shown) = draw(try Fixture.replica([]), viewport: viewport)
        #expect(shown == 0)
        #expect(text.allSatisfy { $0 == " " || $0 == "\n" })
    }

    @Test func higherRankedKindWinsASharedCell() throws {
        let under = EntityRecord(id: 20, kind: 3, x: 4000, y: 2000, vx: 0, vy: 0, heading: 0, radius: 2000, owner: 0)
        let over = EntityRecord(id: 3, kind: 2, x: 4100, y: 2100, vx: 0, vy: 0, heading: 0, radius: 512, owner: 0)
        let (text, shown) = draw(try Fixture.replica([under, over]))
        #expect(shown == 2)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false)[4] == "|         n        |")
    }

    @Test func playerShipGlyphFollowsHeadingOctant() {
        let headings: [(UInt16, Character)] = [(0, "→"), (4095, "→"), (4096, "↗"), (16384, "↑"), (32768, "←"),
                                               (40000, "↙"), (49152, "↓"), (57344, "↘"), (61440, "→"), (65535, "→")]
        for (heading, glyph) in headings {
            let ship = EntityRecord(id: 1, kind: 1, x: 0, y: 0, vx: 0, vy: 0, heading: heading, radius: 0, owner: 0)
            #expect(GlyphSet.unicode.glyph(for: ship) == glyph, "heading \(heading)")
        }
    }

    @Test func asteroidGlyphDependsOnRadius() {
        let big = EntityRecord(id: 1, kind: 3, x: 0, y: 0, vx: 0, vy: 0, heading: 0, radius: 1280, owner: 0)
        var small = big
        small.radius = 1279
        #expect(GlyphSet.ascii.glyph(for: big) == "O")
        #expect(GlyphSet.ascii.glyph(for: small) == "o")
    }
}
