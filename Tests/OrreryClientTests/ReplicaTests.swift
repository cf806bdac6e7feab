import OrreryClient
import OrreryWire
import Testing

@Suite struct ReplicaTests {
    let token = ResumeToken(low: 1, high: 2)

    func welcome(tick: UInt64 = 100, firstSeq: UInt64 = 1, avatar: UInt32 = 0) -> Welcome {
        Welcome(playerId: 3, avatarId: avatar, tickRateHz: 20, currentTick: tick, worldWidth: 1 << 20,
                worldHeight: 1 << 20, viewRadius: 51200, viewHysteresis: 5120, keepAliveTicks: 20,
                resumeToken: token, firstSeq: firstSeq)
    }

    let ship = EntityRecord(id: 7, kind: 1, x: 1000, y: 2000, vx: 12, vy: -3, heading: 16384, radius: 512, owner: 3)
    let rock = EntityRecord(id: 8, kind: 3, x: -50, y: 40, vx: -7, vy: 0, heading: 0, radius: 2048, owner: 0)

    func started() throws -> Replica {
        var replica = Replica()
        replica.begin(welcome())
        try replica.apply(EventFrame(seq: 1, tick: 101, lastInputSeq: 0,
                                     events: [.avatar(id: 7), .appeared(ship), .appeared(rock)]))
        return replica
    }

    @Test func appliesEventsAndAdvancesOverIdleTicks() throws {
        var replica = try started()
        #expect(replica.avatarId == 7)
        #expect(replica.entity(7) == ship)
        try replica.apply(EventFrame(seq: 2, tick: 121, lastInputSeq: 4, events: []))
        #expect(replica.tick == 121)
        #expect(replica.lastInputSeq == 4)
        #expect(replica.entity(7)?.x == Int32(1000 + 20 * 12))
        #expect(replica.entity(7)?.y == Int32(2000 - 20 * 3))
        #expect(replica.entity(8)?.x == Int32(-50 - 20 * 7))
        let turn = EntityMotion(id: 7, x: 5, y: 6, vx: 1, vy: 2, heading: 99)
        try replica.apply(EventFrame(seq: 3, tick: 124, lastInputSeq: 5, events: [.changed(turn)]))
        #expect(replica.entity(7) == EntityRecord(id: 7, kind: 1, x: 5, y: 6, vx: 1, vy: 2, heading: 99,
                                                  radius: 512, owner: 3))
        #expect(replica.entity(8)?.x == Int32(-50 - 23 * 7))
        #expect(replica.lastSeq == 3)
    }

    @Test func advancingKTicksEqualsKSingleSteps() {
        let samples: [(EntityRecord, UInt64)] = [
            (EntityRecord(id: 1, kind: 1, x: .max - 5, y: .min + 5, vx: 3, vy: -4, heading: 0, radius: 0, owner: 0), 7),
            (EntityRecord(id: 1, kind: 1, x: 0, y: 0, vx: .max, vy: .min, heading: 0, radius: 0, owner: 0), 1000),
            (EntityRecord(id: 1, kind: 1, x: 17, y: -9, vx: -123_457, vy: 99_999, heading: 0, radius: 0, owner: 0),
             (1 << 32) + 3),
        ]
        for (record, ticks) in samples {
            var stepped = record
            for _ in 0..<(ticks % (1 << 32)) {
                stepped.x &+= stepped.vx
                stepped.y &+= stepped.vy
            }
            #expect(record.advanced(byTicks: ticks) == stepped)
        }
    }

    @Test func sequenceGapsAreReportedWithoutChangingState() throws {
        var replica = try started()
        let before = replica.entities
        #expect(throws: ReplicaError.sequenceGap(expected: 2, received: 3)) {
            try replica.apply(EventFrame(seq: 3, tick: 130, lastInputSeq: 0, events: [.disappeared(id: 7)]))
        }
        #expect(throws: ReplicaError.sequenceGap(expected: 2, received: 1)) {
            try replica.apply(EventFrame(seq: 1, tick: 130, lastInputSeq: 0, events: []))
        }
        #expect(throws: ReplicaError.sequenceGap(expected: 2, received: 5)) {
            try replica.apply(ResetFrame(seq: 5, tick: 130, lastInputSeq: 0, avatarId: 0, entities: []))
        }
        #expect(replica.entities == before)
        #expect(replica.tick == 101)
        #expect(replica.lastSeq == 1)
        try replica.apply(EventFrame(seq: 2, tick: 102, lastInputSeq: 0, events: []))
        #expect(replica.entity(7)?.x == 1012)
    }

    @Test func ticksGoingBackwardsAreReportedWithoutChangingState() throws {
        var replica = try started()
        #expect(throws: ReplicaError.tickWentBackwards(replicaTick: 101, frameTick: 100)) {
            try replica.apply(EventFrame(seq: 2, tick: 100, lastInputSeq: 0, events: []))
        }
        #expect(replica.lastSeq == 1)
        #expect(replica.entity(7) == ship)
    }

    @Test func unknownEntitiesAreReportedBeforeAnyEventIsApplied() throws {
        var replica = try started()
        let before = replica.entities
        let frame = EventFrame(seq: 2, tick: 110, lastInputSeq: 0,
                               events: [.avatar(id: 0), .destroyed(id: 7, reason: .shot),
                                        .changed(EntityMotion(id: 7, x: 0, y: 0, vx: 0, vy: 0, heading: 0))])
        #expect(throws: ReplicaError.unknownEntity(id: 7)) { try replica.apply(frame) }
        #expect(throws: ReplicaError.unknownEntity(id: 99)) {
            try replica.apply(EventFrame(seq: 2, tick: 110, lastInputSeq: 0, events: [.disappeared(id: 99)]))
        }
        #expect(replica.entities == before)
        #expect(replica.avatarId == 7)
        #expect(replica.tick == 101)
    }

    @Test func destroyedAndDisappearedRemoveEntities() throws {
        var replica = try started()
        try replica.apply(EventFrame(seq: 2, tick: 102, lastInputSeq: 0,
                                     events: [.avatar(id: 0), .destroyed(id: 7, reason: .collision)]))
        #expect(replica.entity(7) == nil)
        #expect(replica.avatarId == 0)
        try replica.apply(EventFrame(seq: 3, tick: 103, lastInputSeq: 0, events: [.disappeared(id: 8)]))
        #expect(replica.entities.isEmpty)
    }

    @Test func resetReplacesEverything() throws {
        var replica = try started()
        let other = EntityRecord(id: 20, kind: 2, x: 1, y: 2, vx: 3, vy: 4, heading: 5, radius: 6, owner: 0)
        try replica.apply(ResetFrame(seq: 2, tick: 500, lastInputSeq: 9, avatarId: 20, entities: [other]))
        #expect(replica.entities == [20: other])
        #expect(replica.tick == 500)
        #expect(replica.avatarId == 20)
        #expect(replica.lastInputSeq == 9)
        #expect(throws: ReplicaError.duplicateEntity(id: 20)) {
            try replica.apply(ResetFrame(seq: 3, tick: 501, lastInputSeq: 9, avatarId: 0, entities: [other, other]))
        }
        #expect(replica.entities == [20: other])
    }

    @Test func framesBeforeWelcomeAreRefused() {
        var replica = Replica()
        #expect(throws: ReplicaError.noSession) {
            try replica.apply(EventFrame(seq: 1, tick: 1, lastInputSeq: 0, events: []))
        }
    }

    @Test func resumeContinuesOrWaitsForAReset() throws {
        var continued = try started()
        continued.resume(welcome(tick: 140, firstSeq: 2))
        #expect(!continued.awaitingReset)
        #expect(continued.entity(7) == ship)
        try continued.apply(EventFrame(seq: 2, tick: 102, lastInputSeq: 0, events: []))

        var broken = try started()
        broken.resume(welcome(tick: 140, firstSeq: 50))
        #expect(broken.awaitingReset)
        #expect(throws: ReplicaError.resetRequired(seq: 50)) {
            try broken.apply(EventFrame(seq: 50, tick: 141, lastInputSeq: 0, events: []))
        }
        try broken.apply(ResetFrame(seq: 50, tick: 141, lastInputSeq: 2, avatarId: 7, entities: [ship]))
        #expect(!broken.awaitingReset)
        #expect(broken.entities == [7: ship])
        try broken.apply(EventFrame(seq: 51, tick: 142, lastInputSeq: 2, events: []))
    }

    @Test func renderPositionsInterpolateAtFractionalTicks() throws {
        let replica = try started()
        #expect(replica.position(of: 7, atTick: 101) == RenderPosition(x: 1000, y: 2000))
        #expect(replica.position(of: 7, atTick: 101.5) == RenderPosition(x: 1006, y: 1998.5))
        #expect(replica.position(of: 7, atTick: 103.25) == RenderPosition(x: 1027, y: 1993.25))
        #expect(replica.position(of: 8, atTick: 102) == RenderPosition(x: -57, y: 40))
        #expect(replica.position(of: 99, atTick: 101) == nil)
    }

    @Test func appliesDecodedGoldenFrames() throws {
        var replica = Replica()
        replica.begin(welcome(tick: 1000, firstSeq: 1))
        let frameBytes = "8201e907000300050701070180a01f80c03e18050040800403010803d00fa01f00000000801000"
        var bytes: [UInt8] = []
        var digits = frameBytes.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            bytes.append(UInt8(String([high, low]), radix: 16) ?? 0)
        }
        guard case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(bytes) else {
            Issue.record("not an event frame")
            return
        }
        try replica.apply(frame)
        #expect(replica.entity(7)?.x == 256_000)
        #expect(replica.entity(8)?.radius == 2048)
        #expect(replica.avatarId == 7)
    }
}
