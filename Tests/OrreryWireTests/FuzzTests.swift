import OrreryWire
import TestSupport
import Testing

/// Whatever the bytes, the decoders return or throw a typed error; and anything they accept is canonical:
/// it re-encodes to exactly the same bytes.
@Suite struct FuzzTests {
    private func check(_ bytes: [UInt8]) {
        for dialect in TestSchema.dialects {
            var encoded: [UInt8] = []
            if let message = try? WireDecoder.decodeClientMessage(bytes, dialect: dialect) {
                #expect((try? WireEncoder.encode(message, dialect: dialect, into: &encoded)) != nil)
                #expect(encoded == bytes, "non-canonical client bytes accepted: \(bytes)")
            }
            encoded.removeAll()
            if let message = try? WireDecoder.decodeServerMessage(bytes, dialect: dialect) {
                #expect((try? WireEncoder.encode(message, dialect: dialect, into: &encoded)) != nil)
                #expect(encoded == bytes, "non-canonical server bytes accepted: \(bytes)")
            }
        }
    }

    @Test func randomBytesNeverTrap() {
        var rng = TestRandom(seed: 0xF022)
        for _ in 0..<30_000 {
            var bytes = (0..<Int.random(in: 0...48, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !bytes.isEmpty {
                let types = MessageType.allCases.map(\.rawValue)
                bytes[0] = types.randomElement(using: &rng) ?? 0
            }
            check(bytes)
        }
    }

    @Test func mutatedVectorsNeverTrap() throws {
        var rng = TestRandom(seed: 0x707A)
        var random = RandomMessages(seed: 0x7072, dialect: TestSchema.dialect)
        var seeds = try Vector.valid().map(\.bytes)
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            try WireEncoder.encode(random.serverMessage(), dialect: TestSchema.dialect, into: &bytes)
            seeds.append(bytes)
            bytes.removeAll()
            try WireEncoder.encode(random.clientMessage(), dialect: TestSchema.dialect, into: &bytes)
            seeds.append(bytes)
        }
        for _ in 0..<30_000 {
            var bytes = seeds.randomElement(using: &rng) ?? []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let position = Int.random(in: 0...bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where position < bytes.count: bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &rng)
                case 1 where position < bytes.count: bytes[position] = UInt8.random(in: 0...255, using: &rng)
                case 2 where position < bytes.count: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: position)
                }
            }
            check(bytes)
        }
    }
}
