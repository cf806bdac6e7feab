import OrreryWire
import Testing

@Suite struct DecodeErrorTests {
    @Test func varintLimitsAndMinimality() {
        let ok: [UInt8] = [0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0, 0, 0, 0]
        #expect(throws: Never.self) { _ = try WireDecoder.decodeClientMessage(ok) }
        #expect(throws: WireDecodingError.varintOverflow(offset: 1)) {
            _ = try WireDecoder.decodeClientMessage([0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F, 0, 0, 0, 0])
        }
        #expect(throws: WireDecodingError.varintOverflow(offset: 1)) {
            _ = try WireDecoder.decodeClientMessage([0x03, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 0, 0, 0])
        }
        #expect(throws: WireDecodingError.nonMinimalVarint(offset: 1)) {
            _ = try WireDecoder.decodeClientMessage([0x03, 0x80, 0x00, 0, 0, 0, 0])
        }
        #expect(throws: WireDecodingError.nonMinimalVarint(offset: 1)) {
            _ = try WireDecoder.decodeClientMessage([0x03, 0xFF, 0x80, 0x00, 0, 0, 0, 0])
        }
        #expect(throws: WireDecodingError.truncated(offset: 1)) {
            _ = try WireDecoder.decodeClientMessage([0x03, 0xFF])
        }
        let pong: [UInt8] = [0x85, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: WireDecodingError.varintOverflow(offset: 9)) {
            _ = try WireDecoder.decodeServerMessage(pong + [UInt8](repeating: 0xFF, count: 9) + [0x02])
        }
        #expect(throws: Never.self) {
            _ = try WireDecoder.decodeServerMessage(pong + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        }
    }

    @Test func countsBeyondTheDataAreRejectedBeforeReading() {
        #expect(throws: WireDecodingError.countExceedsData(count: 3, offset: 4)) {
            _ = try WireDecoder.decodeServerMessage([0x82, 1, 1, 0, 3, 0, 5, 7, 5, 7])
        }
        #expect(throws: WireDecodingError.countExceedsData(count: 1, offset: 5)) {
            _ = try WireDecoder.decodeServerMessage([0x83, 1, 1, 0, 0, 1, 0, 0, 0, 7, 1, 0, 0, 0, 0, 0, 0, 0])
        }
    }

    @Test func errorsDescribeThemselves() {
        let errors: [WireDecodingError] = [
            .truncated(offset: 1), .trailingBytes(offset: 2), .nonMinimalVarint(offset: 3), .varintOverflow(offset: 4),
            .unknownMessageType(9), .unknownEventTag(9, offset: 5), .valueOutOfRange(field: "join.role", offset: 2),
            .countExceedsData(count: 7, offset: 4), .invalidUTF8(offset: 6),
        ]
        #expect(Set(errors.map(\.kind)).count == errors.count)
        #expect(errors.allSatisfy { !$0.description.isEmpty })
        #expect(WireDecodingError.valueOutOfRange(field: "join.role", offset: 2).description.contains("join.role"))
    }
}
