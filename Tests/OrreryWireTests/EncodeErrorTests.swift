import OrreryWire
import Testing

@Suite struct EncodeErrorTests {
    private let ship = EntityRecord(id: 7, kind: 1, x: 0, y: 0, vx: 0, vy: 0, heading: 0, radius: 1, owner: 0)

    @Test func invalidValuesAreRefusedAndTheBufferIsUntouched() {
        let refused: [(ServerMessage, WireEncodingError)] = [
            (.eventFrame(EventFrame(seq: 1, tick: 1, lastInputSeq: 0, events: [.avatar(id: 7), .disappeared(id: 0)])),
             .valueOutOfRange(field: "entity.id")),
            (.reset(ResetFrame(seq: 1, tick: 1, lastInputSeq: 0, avatarId: 0, entities: [ship, { var bad = ship
                bad.radius = -1
                return bad
            }()])), .valueOutOfRange(field: "entity.radius")),
            (.error(ErrorMessage(code: 4000, message: String(repeating: "x", count: 1025))),
             .valueOutOfRange(field: "error.message")),
        ]
        for (message, expected) in refused {
            var buffer: [UInt8] = [1, 2, 3]
            #expect(throws: expected) { try WireEncoder.encode(message, into: &buffer) }
            #expect(buffer == [1, 2, 3])
        }
        let badJoins: [(Join, WireEncodingError)] = [
            (Join(role: .player, region: Region(x: 0, y: 0, width: 1, height: 1)),
             .valueOutOfRange(field: "join.region")),
            (Join(role: .spectator, region: Region(x: 0, y: 0, width: 0, height: 1)),
             .valueOutOfRange(field: "join.region.width")),
            (Join(role: .player, displayName: ""), .valueOutOfRange(field: "join.displayName")),
            (Join(role: .player, displayName: String(repeating: "é", count: 17)),
             .valueOutOfRange(field: "join.displayName")),
        ]
        for (join, expected) in badJoins {
            var buffer: [UInt8] = [9]
            #expect(throws: expected) { try WireEncoder.encode(.join(join), into: &buffer) }
            #expect(buffer == [9])
        }
    }

    @Test func aFailedAppendLeavesTheFrameValid() throws {
        var buffer: [UInt8] = []
        var writer = EventFrameWriter(seq: 1, tick: 2, lastInputSeq: 3, into: &buffer)
        try writer.append(.avatar(id: 7), to: &buffer)
        #expect(throws: WireEncodingError.valueOutOfRange(field: "entity.id")) {
            try writer.append(.changed(EntityMotion(id: 0, x: 0, y: 0, vx: 0, vy: 0, heading: 0)), to: &buffer)
        }
        #expect(writer.eventCount == 1)
        #expect(try WireDecoder.decodeServerMessage(buffer)
            == .eventFrame(EventFrame(seq: 1, tick: 2, lastInputSeq: 3, events: [.avatar(id: 7)])))
    }

    @Test func anEventFrameHoldsAtMostTheU16Count() throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(WireProtocol.maxEventsPerFrame * 2 + 16)
        var writer = EventFrameWriter(seq: 1, tick: 1, lastInputSeq: 0, into: &buffer)
        for _ in 0..<WireProtocol.maxEventsPerFrame {
            try writer.append(.avatar(id: 1), to: &buffer)
        }
        let full = buffer
        #expect(throws: WireEncodingError.tooManyRecords(limit: WireProtocol.maxEventsPerFrame)) {
            try writer.append(.avatar(id: 1), to: &buffer)
        }
        #expect(buffer == full)
        guard case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(buffer) else {
            Issue.record("not an event frame")
            return
        }
        #expect(frame.events.count == WireProtocol.maxEventsPerFrame)
    }
}
