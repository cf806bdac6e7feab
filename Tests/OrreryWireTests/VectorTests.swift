import OrreryWire
import Testing

@Suite struct VectorTests {
    @Test(arguments: try Vector.valid())
    func decodesToItsTextAndReencodesIdentically(_ vector: Vector) throws {
        let dialect = try vector.dialect
        var encoded: [UInt8] = []
        if vector.fromClient {
            let message = try WireDecoder.decodeClientMessage(vector.bytes, dialect: dialect)
            #expect(message.description == vector.expectation)
            try WireEncoder.encode(message, dialect: dialect, into: &encoded)
        } else {
            let message = try WireDecoder.decodeServerMessage(vector.bytes, dialect: dialect)
            #expect(message.canonicalText(version: vector.version) == vector.expectation)
            try WireEncoder.encode(message, dialect: dialect, into: &encoded)
        }
        #expect(encoded == vector.bytes)
    }

    @Test(arguments: try Vector.invalid())
    func invalidVectorFailsWithItsErrorKind(_ vector: Vector) throws {
        do {
            let text = try vector.decodeText(vector.bytes[...])
            Issue.record("decoded as \(text)")
        } catch let error as WireDecodingError {
            #expect(error.kind == vector.expectation)
        }
    }

    @Test(arguments: try Vector.valid())
    func everyTruncationIsRejected(_ vector: Vector) throws {
        for length in 0..<vector.bytes.count {
            do {
                let text = try vector.decodeText(vector.bytes[..<length])
                Issue.record("prefix of \(length) bytes decoded as \(text)")
            } catch let error as WireDecodingError {
                #expect(error.kind == "truncated" || error.kind == "count-exceeds-data",
                        "prefix of \(length) bytes: \(error)")
            }
        }
    }

    @Test(arguments: try Vector.valid())
    func aTrailingByteIsRejected(_ vector: Vector) throws {
        for extra: UInt8 in [0x00, 0x01, 0xFF] {
            #expect(throws: WireDecodingError.trailingBytes(offset: vector.bytes.count)) {
                _ = try vector.decodeText((vector.bytes + [extra])[...])
            }
        }
    }

    @Test(arguments: try Vector.valid())
    func decodesFromASliceInTheMiddleOfABuffer(_ vector: Vector) throws {
        let padded = [0xAA, 0xBB] + vector.bytes + [0xCC]
        let text = try vector.decodeText(padded[2..<(padded.count - 1)])
        #expect(text == vector.expectation)
    }

    @Test(arguments: WireProtocol.supportedVersions)
    func vectorsCoverEveryMessageTypeAndEventTagOfEachVersion(_ version: UInt8) throws {
        var types = Set<UInt8>()
        var tags = Set<EventTag>()
        for vector in try Vector.valid() where vector.version == version {
            types.insert(vector.bytes[0])
            if !vector.fromClient,
               case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(vector.bytes,
                                                                                dialect: try vector.dialect) {
                tags.formUnion(frame.events.map(\.tag))
            }
        }
        #expect(types == Set(MessageType.allCases.filter { $0.sinceVersion <= version }.map(\.rawValue)))
        #expect(tags == Set(EventTag.allCases.filter { $0.sinceVersion <= version }))
    }
}
