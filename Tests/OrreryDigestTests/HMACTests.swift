import Testing
import OrreryDigest

/// Bytes from a hex string (test vectors only; no validation).
private func bytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
}

/// One published test case, shown by name in test output.
struct HMACVector: Sendable, CustomTestStringConvertible {
    let name: String
    let key: [UInt8]
    let data: [UInt8]
    let code: String
    var testDescription: String { name }

    init(_ name: String, _ key: [UInt8], _ data: [UInt8], _ code: String) {
        (self.name, self.key, self.data, self.code) = (name, key, data, code)
    }
}

@Suite struct HMACTests {
    /// RFC 4231 section 4, test cases 1-7: key, data, and the expected HMAC-SHA-256 (case 5 truncated to 128 bits).
    static let vectors: [HMACVector] = [
        HMACVector("case 1", [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACVector("case 2", Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACVector("case 3", [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        HMACVector("case 4", Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        HMACVector("case 5", [UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8),
         "a3b6167473100ee06e0c796c2955552b"),
        HMACVector("case 6", [UInt8](repeating: 0xaa, count: 131),
         Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HMACVector("case 7", [UInt8](repeating: 0xaa, count: 131),
         Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: vectors)
    func rfc4231(vector: HMACVector) {
        let expected = bytes(vector.code)
        let computed = HMAC.authenticationCode(for: vector.data, key: vector.key)
        #expect(computed.count == HMAC.byteCount)
        #expect(Array(computed.prefix(expected.count)) == expected)
    }

    @Test func streamingAndTemplateReuse() {
        let template = HMAC(key: "Jefe")
        var streamed = template
        streamed.update("what do ya ")
        streamed.update(Array("want for nothing?".utf8))
        #expect(streamed.finalize() == bytes("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))
        var other = template
        other.update("Hi There")
        #expect(other.finalize() == HMAC.authenticationCode(for: Array("Hi There".utf8), key: Array("Jefe".utf8)))
    }

    /// A 64-byte key is used as is; a 65-byte key is hashed first, so it equals keying with its digest.
    @Test func keyLengthsAroundTheBlockSize() {
        let message = Array("m".utf8)
        let longKey = [UInt8](repeating: 0x42, count: 65)
        #expect(HMAC.authenticationCode(for: message, key: longKey)
                == HMAC.authenticationCode(for: message, key: SHA256.hash(longKey)))
        let blockKey = [UInt8](repeating: 0x42, count: 64)
        #expect(HMAC.authenticationCode(for: message, key: blockKey)
                != HMAC.authenticationCode(for: message, key: SHA256.hash(blockKey)))
        #expect(HMAC.authenticationCode(for: message, key: [UInt8](repeating: 0x42, count: 20))
                == HMAC.authenticationCode(for: message, key: [UInt8](repeating: 0x42, count: 20) + [0, 0]))
    }

    @Test func constantTimeEquals() {
        let code = HMAC.authenticationCode(for: Array("x".utf8), key: Array("k".utf8))
        #expect(HMAC.constantTimeEquals(code, code))
        #expect(HMAC.constantTimeEquals([UInt8](), [UInt8]()))
        for index in code.indices {
            var changed = code
            changed[index] ^= 0x01
            #expect(!HMAC.constantTimeEquals(code, changed), "byte \(index)")
        }
        #expect(!HMAC.constantTimeEquals(code, code.dropLast()))
        #expect(!HMAC.constantTimeEquals(code.dropLast(), code))
    }
}
