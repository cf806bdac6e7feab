import Testing
import OrreryDigest

@Suite struct SHA1Tests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }

    @Test func rfc3174TestCases() {
        #expect(hex(SHA1.hash(Array("abc".utf8))) == "A9993E364706816ABA3E25717850C26C9CD0D89D")
        let two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(hex(SHA1.hash(Array(two.utf8))) == "84983E441C3BD26EBAAE4AA1F95129E5E54670F1")
        #expect(hex(SHA1.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
                == "34AA973CD4C4DAA4F61EEB2BDBAD27316534016F")
        let four = String(repeating: "01234567", count: 80)
        #expect(hex(SHA1.hash(Array(four.utf8))) == "DEA356A2CDDD90C7A7ECEDC5EBB563934F460452")
    }

    @Test func emptyMessage() {
        #expect(hex(SHA1.hash([UInt8]())) == "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709")
    }

    @Test func streamingInAnySplitMatchesOneShot() {
        let message = Array(String(repeating: "01234567", count: 80).utf8)
        let expected = SHA1.hash(message)
        for chunk in [1, 3, 55, 56, 63, 64, 65, 200] {
            var sha = SHA1()
            var start = 0
            while start < message.count {
                let end = min(start + chunk, message.count)
                sha.update(message[start..<end])
                start = end
            }
            #expect(sha.finalize() == expected, "chunk size \(chunk)")
        }
    }

    @Test func paddingBoundaryLengths() {
        // Lengths around the 56-byte padding boundary must all differ and be stable.
        var digests = Set<[UInt8]>()
        for length in 54...66 {
            let digest = SHA1.hash([UInt8](repeating: 0x61, count: length))
            #expect(digest.count == 20)
            digests.insert(digest)
        }
        #expect(digests.count == 13)
        #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: 64)))
                == "0098BA824B5C16427BD7A1122A5A442A25EC644D")
    }
}
