import OrreryClient
import OrreryWire
import Testing

@Suite struct ProtocolCheckerTests {
    /// View radius 1000, hysteresis 100: an entity may stay up to 1100 subunits from the centre.
    func welcome(player: UInt32 = 3) -> Welcome {
        Welcome(playerId: player, avatarId: 0, tickRateHz: 20, currentTick: 10, worldWidth: 1 << 20,
                worldHeight: 1 << 20, viewRadius: 1000, viewHysteresis: 100, keepAliveTicks: 20,
                resumeToken: ResumeToken(low: 1, high: 2), firstSeq: 1)
    }

    func record(_ id: UInt32, kind: UInt8 = 3, x: Int32, y: Int32, vx: Int32 = 0, vy: Int32 = 0) -> EntityRecord {
        EntityRecord(id: id, kind: kind, x: x, y: y, vx: vx, vy: vy, heading: 0, radius: 100, owner: 0)
    }

    /// A player whose avatar 7 sits at (5000, 5000) moving +10 x per tick, with rock 8 at 900 subunits.
    func started() throws -> (ProtocolChecker, Replica) {
        var checker = ProtocolChecker()
        var replica = Replica()
        replica.begin(welcome())
        checker.begin(welcome(), region: nil)
        let frame = EventFrame(seq: 1, tick: 11, lastInputSeq: 0, events: [
            .avatar(id: 7), .appeared(record(7, kind: 1, x: 5000, y: 5000, vx: 10)), .appeared(record(8, x: 5900, y: 5000)),
        ])
        try checker.apply(frame, to: &replica, highestInputSent: 0)
        return (checker, replica)
    }

    @Test func aHealthyGameFailsNoCheck() throws {
        var (checker, replica) = try started()
        try checker.apply(EventFrame(seq: 2, tick: 15, lastInputSeq: 2, events: []), to: &replica, highestInputSent: 3)
        let turn = EntityMotion(id: 7, x: 5040, y: 5000, vx: 0, vy: 0, heading: 9)
        try checker.apply(EventFrame(seq: 3, tick: 16, lastInputSeq: 3, events: [.changed(turn)]), to: &replica,
                          highestInputSent: 3)
        #expect(checker.counts.total == 0)
        #expect(replica.entity(7)?.x == 5040)
    }

    @Test func aPropertiesEventChangesNoMotion() throws {
        var (checker, replica) = try started()
        replica.apply(SchemaMessage(game: "g", entityProperties: [WirePropertySpec(name: "score", type: .int)]))
        let score = WireEvent.properties(id: 8, values: [WireProperty(index: 0, value: .int(5))])
        try checker.apply(EventFrame(seq: 2, tick: 12, lastInputSeq: 0, events: [score]), to: &replica,
                          highestInputSent: 0)
        #expect(checker.counts.total == 0)
        #expect(replica.property(0, of: 8) == .int(5))
    }

    @Test func anEntityBeyondRadiusPlusHysteresisIsOutsideTheView() throws {
        var (checker, replica) = try started()
        // The avatar moved 40 to (5040, 5000) by tick 15; the rock at 5900 is 860 away (inside), one at 6141 is
        // 1101 away (outside), one at 6140 exactly 1100 away (inside: the boundary belongs to the view).
        let frame = EventFrame(seq: 2, tick: 15, lastInputSeq: 0, events: [
            .appeared(record(9, x: 6141, y: 5000)), .appeared(record(10, x: 6140, y: 5000)),
        ])
        try checker.apply(frame, to: &replica, highestInputSent: 0)
        #expect(checker.counts[.outsideView] == 1)
        #expect(checker.counts.total == 1)
        #expect(checker.counts.samples.first?.contains("entity 9") == true)
    }

    @Test func afterTheAvatarDiesTheViewStaysWhereItWasTheTickBefore() throws {
        var (checker, replica) = try started()
        // Destroyed on tick 21: the server's centre stays at the avatar's tick-20 position, (5090, 5000).
        let frame = EventFrame(seq: 2, tick: 21, lastInputSeq: 0, events: [.avatar(id: 0), .destroyed(id: 7, reason: .shot)])
        try checker.apply(frame, to: &replica, highestInputSent: 0)
        try checker.apply(EventFrame(seq: 3, tick: 22, lastInputSeq: 0, events: [.appeared(record(11, x: 6190, y: 5000))]),
                          to: &replica, highestInputSent: 0)
        #expect(checker.counts.total == 0)
        try checker.apply(EventFrame(seq: 4, tick: 23, lastInputSeq: 0, events: [.appeared(record(12, x: 6191, y: 5000))]),
                          to: &replica, highestInputSent: 0)
        #expect(checker.counts[.outsideView] == 1)
    }

    @Test func spectatorRegionsGrowByTheHysteresis() throws {
        var checker = ProtocolChecker()
        var replica = Replica()
        let region = Region(x: 0, y: 0, width: 1000, height: 500)
        replica.begin(welcome(player: 0))
        checker.begin(welcome(player: 0), region: region)
        let frame = EventFrame(seq: 1, tick: 11, lastInputSeq: 0, events: [
            .appeared(record(1, x: -100, y: 599)), .appeared(record(2, x: 1099, y: 0)),
            .appeared(record(3, x: 1100, y: 0)), .appeared(record(4, x: 0, y: -101)),
        ])
        try checker.apply(frame, to: &replica, highestInputSent: 0)
        #expect(checker.counts[.outsideView] == 2)
    }

    @Test func replicaRefusalsAreCountedByKindAndLeaveTheReplicaAlone() throws {
        var (checker, replica) = try started()
        let before = replica
        #expect(throws: ReplicaError.sequenceGap(expected: 2, received: 3)) {
            try checker.apply(EventFrame(seq: 3, tick: 12, lastInputSeq: 0, events: []), to: &replica, highestInputSent: 0)
        }
        #expect(throws: ReplicaError.tickWentBackwards(replicaTick: 11, frameTick: 9)) {
            try checker.apply(EventFrame(seq: 2, tick: 9, lastInputSeq: 0, events: []), to: &replica, highestInputSent: 0)
        }
        #expect(throws: ReplicaError.unknownEntity(id: 99)) {
            try checker.apply(EventFrame(seq: 2, tick: 12, lastInputSeq: 0, events: [.disappeared(id: 99)]),
                              to: &replica, highestInputSent: 0)
        }
        #expect(replica.lastSeq == before.lastSeq && replica.entities == before.entities)
        #expect(checker.counts[.sequenceGap] == 1 && checker.counts[.tickBackwards] == 1
                && checker.counts[.unknownEntity] == 1)
    }

    @Test func appearingTwiceAndImpossibleAcknowledgementsAreCounted() throws {
        var (checker, replica) = try started()
        try checker.apply(EventFrame(seq: 2, tick: 12, lastInputSeq: 0, events: [.appeared(record(8, x: 5900, y: 5000))]),
                          to: &replica, highestInputSent: 0)
        #expect(checker.counts[.duplicateEntity] == 1)
        // Leaving and coming back in one frame is not a duplicate.
        try checker.apply(EventFrame(seq: 3, tick: 13, lastInputSeq: 0,
                                     events: [.disappeared(id: 8), .appeared(record(8, x: 5900, y: 5000))]),
                          to: &replica, highestInputSent: 0)
        #expect(checker.counts[.duplicateEntity] == 1)
        try checker.apply(EventFrame(seq: 4, tick: 14, lastInputSeq: 5, events: []), to: &replica, highestInputSent: 4)
        try checker.apply(EventFrame(seq: 5, tick: 15, lastInputSeq: 4, events: []), to: &replica, highestInputSent: 6)
        #expect(checker.counts[.inputAcknowledgement] == 2)
    }

    @Test func countsKeepTheFirstSamplesAndMerge() {
        var counts = CheckCounts()
        for index in 0..<20 { counts.record(.motionMismatch, "sample \(index)") }
        var other = CheckCounts()
        other.record(.decodeError, "bad bytes")
        counts.merge(other)
        #expect(counts.total == 21)
        #expect(counts.samples.count == CheckCounts.sampleLimit)
        #expect(counts.failures.map(\.kind) == [.decodeError, .motionMismatch])
        #expect(counts[.decodeError] == 1)
    }
}
