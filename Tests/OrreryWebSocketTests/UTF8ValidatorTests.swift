import TestSupport
import Testing
@testable import OrreryWebSocket

@Suite struct UTF8ValidatorTests {
    @Test func acceptsValidText() {
        for text in ["", "hello", "κόσμε", "€", "𝄞 music", "\u{10FFFF}", "\u{FFFD}", "\u{D7FF}\u{E000}"] {
            #expect(UTF8Validator.isValid(Array(text.utf8)), "\(text)")
        }
    }

    @Test func rejectsInvalidSequences() {
        let invalid: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF],           // stray continuation, overlong 2-byte
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],               // overlong 3-byte
            [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],   // overlong 4-byte
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],               // surrogates
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],   // above U+10FFFF
            [0xFE], [0xFF], [0xC2, 0x41], [0xE2, 0x82],           // bad bytes, bad continuation, truncated
            [0xF0, 0x9D, 0x84],
        ]
        for sequence in invalid {
            #expect(!UTF8Validator.isValid(sequence), "\(sequence)")
        }
    }

    @Test func failsAtTheFirstBadByteAndStaysFailed() {
        var validator = UTF8Validator()
        let first = validator.validate(Array("ok".utf8))
        let second = validator.validate([0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80])
        let third = validator.validate(Array("fine".utf8))
        #expect(first && !second && !third)
        #expect(!validator.isAtCharacterBoundary)
        validator.reset()
        let afterReset = validator.validate(Array("fine".utf8))
        #expect(afterReset && validator.isAtCharacterBoundary)
    }

    @Test func sequencesMaySpanPieces() {
        let text = Array("a€𝄞b".utf8)
        for split in 0...text.count {
            var validator = UTF8Validator()
            let head = validator.validate(text[..<split])
            #expect(head && validator.isAtCharacterBoundary == [0, 1, 4, 8, 9].contains(split))
            let tail = validator.validate(text[split...])
            #expect(tail && validator.isAtCharacterBoundary)
        }
    }

    @Test func agreesWithTheStandardLibraryOnRandomInput() {
        var generator = TestRandom(seed: 42)
        for _ in 0..<5000 {
            let length = Int(generator.next() % 8)
            let sample = (0..<length).map { _ in
                let pick = generator.next()
                return pick & 1 == 0 ? UInt8(truncatingIfNeeded: pick >> 8) : UInt8(0x80 | (pick >> 8) & 0x3F)
            }
            let reference = String(validating: sample, as: UTF8.self) != nil
            #expect(UTF8Validator.isValid(sample) == reference, "\(sample)")
        }
    }
}
