import OrreryWire
import Testing

@Suite struct RoundTripTests {
    @Test(arguments: TestSchema.dialects)
    func randomClientMessagesRoundTrip(_ dialect: WireDialect) throws {
        var messages = RandomMessages(seed: 0xC11E, dialect: dialect)
        var seen = Set<MessageType>()
        for _ in 0..<3000 {
            let message = messages.clientMessage()
            seen.insert(message.type)
            var buffer: [UInt8] = [0x5A]
            try WireEncoder.encode(message, dialect: dialect, into: &buffer)
            #expect(buffer[0] == 0x5A)
            #expect(buffer.count - 1 <= WireProtocol.maxClientMessageBytes)
            #expect(try WireDecoder.decodeClientMessage(buffer[1...], dialect: dialect) == message)
        }
        #expect(seen == Set(MessageType.allCases.filter { $0.isClientToServer && $0.sinceVersion <= dialect.version }))
    }

    @Test(arguments: TestSchema.dialects)
    func randomServerMessagesRoundTrip(_ dialect: WireDialect) throws {
        var messages = RandomMessages(seed: 0x5E7E, dialect: dialect)
        var seen = Set<MessageType>()
        var tags = Set<EventTag>()
        for _ in 0..<3000 {
            let message = messages.serverMessage()
            seen.insert(message.type)
            if case .eventFrame(let frame) = message { tags.formUnion(frame.events.map(\.tag)) }
            var buffer: [UInt8] = [0x5A, 0x5B]
            try WireEncoder.encode(message, dialect: dialect, into: &buffer)
            #expect(buffer[..<2] == [0x5A, 0x5B])
            #expect(try WireDecoder.decodeServerMessage(buffer[2...], dialect: dialect) == message)
        }
        #expect(seen == Set(MessageType.allCases.filter { !$0.isClientToServer && $0.sinceVersion <= dialect.version }))
        #expect(tags == Set(EventTag.allCases.filter { $0.sinceVersion <= dialect.version }))
    }

    @Test(arguments: TestSchema.dialects)
    func writersProduceTheSameBytesAsWholeMessageEncoding(_ dialect: WireDialect) throws {
        var messages = RandomMessages(seed: 0x3217, dialect: dialect)
        for _ in 0..<300 {
            let events = (0..<Int.random(in: 0...20, using: &messages.rng)).map { _ in messages.event() }
            var whole: [UInt8] = []
            try WireEncoder.encode(.eventFrame(EventFrame(seq: 3, tick: 99, lastInputSeq: 4, events: events)),
                                   dialect: dialect, into: &whole)
            var streamed: [UInt8] = []
            var writer = EventFrameWriter(seq: 3, tick: 99, lastInputSeq: 4, dialect: dialect, into: &streamed)
            for event in events {
                try writer.append(event, to: &streamed)
            }
            #expect(writer.eventCount == events.count)
            #expect(streamed == whole)

            let records = events.compactMap { event -> EntityRecord? in
                if case .appeared(let record) = event { record } else { nil }
            }
            let playerState = dialect.isV2 ? messages.properties(TestSchema.schema.playerProperties, nonEmpty: false) : []
            var wholeReset: [UInt8] = []
            try WireEncoder.encode(.reset(ResetFrame(seq: 5, tick: 6, lastInputSeq: 7, avatarId: 8, entities: records,
                                                     playerState: playerState)),
                                   dialect: dialect, into: &wholeReset)
            var streamedReset: [UInt8] = []
            var resetWriter = ResetWriter(seq: 5, tick: 6, lastInputSeq: 7, avatarId: 8, dialect: dialect,
                                          into: &streamedReset)
            for record in records {
                try resetWriter.append(record, to: &streamedReset)
            }
            try resetWriter.finish(playerState: playerState, universeState: [], to: &streamedReset)
            #expect(resetWriter.entityCount == records.count)
            #expect(streamedReset == wholeReset)
        }
    }

    @Test func resumeTokenBytesRoundTrip() throws {
        let bytes: [UInt8] = Array(0x10..<0x20)
        let token = try #require(ResumeToken(bytes: bytes))
        #expect(token.bytes == bytes)
        #expect(token.low == 0x1716_1514_1312_1110)
        #expect(ResumeToken(bytes: bytes.dropLast()) == nil)
    }
}
