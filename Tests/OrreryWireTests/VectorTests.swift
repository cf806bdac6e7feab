import OrreryWire
import Testing

@Suite struct VectorTests {
    @Test(arguments: try Vector.valid())
    func decodesToItsTextAndReencodesIdentically(_ vector: Vector) throws {
        var encoded: [UInt8] = []
        if vector.fromClient {
            let message = try WireDecoder.decodeClientMessage(vector.bytes)
            #expect(message.description == vector.expectation)
            try WireEncoder.encode(message, into: &encoded)
        } else {
            let message = try WireDecoder.decodeServerMessage(vector.bytes)
            #expect(message.description == vector.expectation)
            try WireEncoder.encode(message, into: &encoded)
        }
        #expect(encoded == vector.bytes)
    }

    @Test(arguments: try Vector.invalid())
    func invalidVectorFailsWithItsErrorKind(_ vector: Vector) {
        #expect(throws: WireDecodingError.self) {
            _ = try Vector.decodeText(vector.bytes[...], fromClient: vector.fromClient)
        }
        do {
            _ = try Vector.decodeText(vector.bytes[...], fromClient: vector.fromClient)
        } catch {
            #expect(error.kind == vector.expectation)
        }
    }

    @Test(arguments: try Vector.valid())
    func everyTruncationIsRejected(_ vector: Vector) {
        for length in 0..<vector.bytes.count {
            do {
                let text = try Vector.decodeText(vector.bytes[..<length], fromClient: vector.fromClient)
                Issue.record("prefix of \(length) bytes decoded as \(text)")
            } catch {
                #expect(error.kind == "truncated" || error.kind == "count-exceeds-data",
                        "prefix of \(length) bytes: \(error)")
            }
        }
    }

    @Test(arguments: try Vector.valid())
    func aTrailingByteIsRejected(_ vector: Vector) {
        for extra: UInt8 in [0x00, 0x01, 0xFF] {
            #expect(throws: WireDecodingError.trailingBytes(offset: vector.bytes.count)) {
                _ = try Vector.decodeText((vector.bytes + [extra])[...], fromClient: vector.fromClient)
            }
        }
    }

    @Test(arguments: try Vector.valid())
    func decodesFromASliceInTheMiddleOfABuffer(_ vector: Vector) throws {
        let padded = [0xAA, 0xBB] + vector.bytes + [0xCC]
        let text = try Vector.decodeText(padded[2..<(padded.count - 1)], fromClient: vector.fromClient)
        #expect(text == vector.expectation)
    }

    @Test func vectorsCoverEveryMessageTypeAndEventTag() throws {
        var types = Set<UInt8>()
        var tags = Set<EventTag>()
        for vector in try Vector.valid() {
            types.insert(vector.bytes[0])
            if !vector.fromClient, case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(vector.bytes) {
                tags.formUnion(frame.events.map(\.tag))
            }
        }
        #expect(types == Set(MessageType.allCases.map(\.rawValue)))
        #expect(tags == Set(EventTag.allCases))
    }
}
