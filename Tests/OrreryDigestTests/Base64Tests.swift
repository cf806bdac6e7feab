import Testing
import OrreryDigest

@Suite struct Base64Tests {
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test func rfc4648Section10Encode() {
        for (plain, encoded) in Self.vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.encodeToBytes(Array(plain.utf8)) == Array(encoded.utf8))
        }
    }

    @Test func rfc4648Section10Decode() throws {
        for (plain, encoded) in Self.vectors {
            #expect(try Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func allByteValuesRoundTrip() throws {
        let bytes = (0...255).map { UInt8($0) }
        for length in 0...bytes.count {
            let slice = Array(bytes.prefix(length))
            #expect(try Base64.decode(Base64.encode(slice)) == slice)
        }
        #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
    }

    @Test func rejectsBadLengths() {
        for text in ["Z", "Zg", "Zg=", "Zm9vY", "Zm9vYmFy="] {
            #expect(throws: Base64Error.invalidLength(text.utf8.count)) { try Base64.decode(text) }
        }
    }

    @Test func rejectsBadCharacters() {
        #expect(throws: Base64Error.invalidCharacter(UInt8(ascii: " "), offset: 2)) { try Base64.decode("Zm 9") }
        #expect(throws: Base64Error.invalidCharacter(UInt8(ascii: "-"), offset: 0)) { try Base64.decode("-_==") }
        #expect(throws: Base64Error.invalidCharacter(0x0A, offset: 3)) { try Base64.decode("Zm9\n") }
        #expect(throws: Base64Error.invalidCharacter(0xC3, offset: 0)) { try Base64.decode(bytes: [0xC3, 0xA9, 0x41, 0x41]) }
    }

    @Test func rejectsMisplacedPadding() {
        #expect(throws: Base64Error.misplacedPadding(offset: 2)) { try Base64.decode("Zg=vZm9v") }
        #expect(throws: Base64Error.misplacedPadding(offset: 0)) { try Base64.decode("====") }
        #expect(throws: Base64Error.misplacedPadding(offset: 1)) { try Base64.decode("Z===") }
        #expect(throws: Base64Error.misplacedPadding(offset: 2)) { try Base64.decode("Zg==Zm9v") }
    }

    @Test func rejectsNonCanonicalPaddingBits() {
        #expect(throws: Base64Error.nonZeroPaddingBits) { try Base64.decode("Zh==") }
        #expect(throws: Base64Error.nonZeroPaddingBits) { try Base64.decode("Zm9=") }
    }

    @Test func errorsDescribeThemselves() {
        #expect(Base64Error.invalidLength(3).description.contains("multiple of 4"))
        #expect(Base64Error.invalidCharacter(0x20, offset: 1).description.contains("0x20"))
    }
}
