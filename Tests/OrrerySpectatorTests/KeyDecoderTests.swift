import Testing
@testable import OrrerySpectator

@Suite struct KeyDecoderTests {
    private func decode(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(Array(text.utf8))
    }

    @Test func singleKeys() {
        #expect(decode("+=-_fFqQ") == [.zoomIn, .zoomIn, .zoomOut, .zoomOut, .follow, .follow, .quit, .quit])
        #expect(decode("\u{03}") == [.quit])
    }

    @Test func arrowsInBothForms() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}[1;5A") == [.up])
    }

    @Test func sequencesSplitAtEveryByte() {
        let input = Array("f\u{1B}[Cq\u{1B}OA+\u{1B}[1;2D".utf8)
        for cut in 0...input.count {
            var decoder = KeyDecoder()
            var keys: [Key] = []
            decoder.decode(input[..<cut], into: &keys)
            decoder.decode(input[cut...], into: &keys)
            #expect(keys == [.follow, .right, .quit, .up, .zoomIn, .left], "cut at \(cut)")
        }
        var decoder = KeyDecoder()
        let keys = input.flatMap { decoder.decode([$0]) }
        #expect(keys == [.follow, .right, .quit, .up, .zoomIn, .left])
    }

    @Test func garbageIsSkipped() {
        // Other letters, UTF-8, an unknown CSI (bracketed paste marker), F1 (ESC O P), an ESC before a key.
        #expect(decode("xyzé€\u{1B}[200~+\u{1B}OP-\u{1B}q") == [.zoomIn, .zoomOut, .quit])
        #expect(decode("\u{1B}\u{1B}[A") == [.up])
        // Ctrl-C inside an unfinished sequence still quits.
        #expect(decode("\u{1B}[1;\u{03}") == [.quit])
        let bytes: [UInt8] = [0x00, 0x7F, 0xFF, 0x80, 0x1B, 0x5B, 0x41]
        var decoder = KeyDecoder()
        #expect(decoder.decode(bytes) == [.up])
    }

    @Test func anOverlongSequenceIsAbandoned() {
        let body = String(repeating: "1", count: KeyDecoder.maxSequenceLength)
        #expect(decode("\u{1B}[" + body + "+f") == [.zoomIn, .follow])
    }
}
