import Testing
import OrreryDigest

@Suite struct CRC32CTests {
    /// RFC 3720 appendix B.4: the CRC bytes as they appear on the wire are the value little-endian.
    static let rfc3720: [(name: String, data: [UInt8], crc: UInt32)] = [
        ("32 bytes of zeros", [UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ("32 bytes of ones", [UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ("32 incrementing bytes", (0..<32).map(UInt8.init), 0x46DD_794E),
        ("32 decrementing bytes", (0..<32).reversed().map(UInt8.init), 0x113F_DB5C),
        ("an iSCSI read command PDU",
         [0x01, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
          0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
         0xD996_3A56),
    ]

    @Test(arguments: rfc3720)
    func rfc3720Vectors(name: String, data: [UInt8], crc: UInt32) {
        #expect(CRC32C.checksum(data) == crc, "\(name)")
    }

    @Test func checkValueOfTheDigits() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    /// Fed in pieces of every size, including ones that cross the 8-byte slices, the checksum is the same.
    @Test(arguments: [1, 3, 7, 8, 9, 64])
    func incrementalUpdatesAgree(piece: Int) {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var crc = CRC32C()
        var start = 0
        while start < data.count {
            let end = min(start + piece, data.count)
            crc.update(data[start..<end])
            start = end
        }
        #expect(crc.value == CRC32C.checksum(data))
        var flipped = data
        flipped[500] ^= 0x10
        #expect(CRC32C.checksum(flipped) != crc.value)
    }
}
