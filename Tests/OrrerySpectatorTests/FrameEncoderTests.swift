import OrreryPosix
import Testing
@testable import OrrerySpectator

@Suite struct FrameEncoderTests {
    private func screen(_ lines: [String]) -> Screen {
        var screen = Screen(size: TerminalSize(columns: 4, rows: lines.count))
        for (row, text) in lines.enumerated() { screen.write(text, row: row) }
        return screen
    }

    @Test func firstFrameIsFullThenOnlyChangedLines() {
        var encoder = FrameEncoder()
        #expect(encoder.encode(screen(["ab", "cd", "ef"])) == "\u{1B}[H\u{1B}[2J\u{1B}[1;1Hab  \u{1B}[2;1Hcd  \u{1B}[3;1Hef  ")
        #expect(encoder.encode(screen(["ab", "cd", "ef"])) == "")
        #expect(encoder.encode(screen(["ab", "cX", "eff"])) == "\u{1B}[2;1HcX  \u{1B}[3;1Heff ")
    }

    @Test func sizeChangeAndInvalidateRedrawEverything() {
        var encoder = FrameEncoder()
        _ = encoder.encode(screen(["ab"]))
        #expect(encoder.encode(screen(["ab", "cd"])) == "\u{1B}[H\u{1B}[2J\u{1B}[1;1Hab  \u{1B}[2;1Hcd  ")
        encoder.invalidate()
        #expect(encoder.encode(screen(["ab", "cd"])) == "\u{1B}[H\u{1B}[2J\u{1B}[1;1Hab  \u{1B}[2;1Hcd  ")
    }

    @Test func screenWriteCutsAtTheEdge() {
        var screen = Screen(size: TerminalSize(columns: 4, rows: 1))
        screen.write("abcdef", row: 0, column: 1)
        screen.write("zz", row: 3)
        #expect(screen.text == " abc")
    }
}
