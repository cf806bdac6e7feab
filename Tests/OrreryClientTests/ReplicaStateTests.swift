import OrreryClient
import OrreryWire
import Testing

/// Version 2: the replica's schema, entity properties, private and universe state, and messages; and the
/// protocol checker's property and message checks.
@Suite struct ReplicaStateTests {
    let schema = SchemaMessage(
        game: "test", kinds: [WireKindStyle(code: 1, name: "ship", shape: .triangle, color: 0xFF0000, label: 2)],
        entityProperties: [WirePropertySpec(name: "hp", type: .int),
                           WirePropertySpec(name: "name", type: .string, maxLength: 8)],
        playerProperties: [WirePropertySpec(name: "ammo", type: .int),
                           WirePropertySpec(name: "bag", type: .bytes, maxLength: 4)],
        universeProperties: [WirePropertySpec(name: "clock", type: .int)],
        messages: [WireMessageSpec(name: "chat", format: .text)])

    func welcome(player: UInt32 = 3) -> Welcome {
        Welcome(version: 2, playerId: player, avatarId: 0, tickRateHz: 20, currentTick: 10, worldWidth: 1 << 20,
                worldHeight: 1 << 20, viewRadius: 1000, viewHysteresis: 100, keepAliveTicks: 20,
                resumeToken: ResumeToken(low: 1, high: 2), firstSeq: 1, account: 42)
    }

    func ship(_ id: UInt32, properties: [WireProperty] = []) -> EntityRecord {
        EntityRecord(id: id, kind: 1, x: 5000, y: 5000, vx: 0, vy: 0, heading: 0, radius: 100, owner: 0,
                     properties: properties)
    }

    func started(player: UInt32 = 3) -> Replica {
        var replica = Replica()
        replica.begin(welcome(player: player))
        replica.apply(schema)
        return replica
    }

    @Test func holdsPropertiesPrivateAndUniverseStateAndTheLastFramesMessages() throws {
        var replica = started()
        #expect(replica.playerState == [.int(0), .bytes([])] && replica.universeState == [.int(0)])
        #expect(replica.dialect == WireDialect(schema: schema))
        let chat = WireGameMessage(scope: .universe, code: 0, payload: Array("hi".utf8))
        try replica.apply(EventFrame(seq: 1, tick: 11, lastInputSeq: 0, events: [
            .appeared(ship(7, properties: [WireProperty(index: 1, value: .string("ada"))])),
            .playerState([WireProperty(index: 1, value: .bytes([1, 2]))]),
            .universeState([WireProperty(index: 0, value: .int(11))]), .message(chat),
        ]))
        #expect(replica.property(0, of: 7) == .int(0) && replica.property(1, of: 7) == .string("ada"))
        #expect(replica.property(2, of: 7) == nil && replica.property(0, of: 99) == nil)
        #expect(replica.playerState == [.int(0), .bytes([1, 2])] && replica.universeState == [.int(11)])
        #expect(replica.messages == [chat])
        try replica.apply(EventFrame(seq: 2, tick: 12, lastInputSeq: 0, events: [
            .properties(id: 7, values: [WireProperty(index: 0, value: .int(-5)), WireProperty(index: 1, value: .string(""))]),
        ]))
        // The record lists exactly the non-default values, as the server's record would.
        #expect(replica.entity(7)?.properties == [WireProperty(index: 0, value: .int(-5))])
        #expect(replica.messages.isEmpty, "messages are those of the last frame")
        try replica.apply(ResetFrame(seq: 3, tick: 20, lastInputSeq: 0, avatarId: 0, entities: [ship(8)],
                                     playerState: [WireProperty(index: 0, value: .int(9))], universeState: []))
        #expect(replica.playerState == [.int(9), .bytes([])] && replica.universeState == [.int(0)])
        #expect(replica.entity(7) == nil && replica.entity(8)?.properties == [])
    }

    @Test func refusesStateThatDoesNotFitAndLeavesTheReplicaAlone() throws {
        var replica = started()
        try replica.apply(EventFrame(seq: 1, tick: 11, lastInputSeq: 0, events: [.appeared(ship(7))]))
        let before = replica
        let bad: [(WireEvent, ReplicaError)] = [
            (.properties(id: 9, values: [WireProperty(index: 0, value: .int(1))]), .unknownEntity(id: 9)),
            (.properties(id: 7, values: [WireProperty(index: 2, value: .int(1))]), .invalidProperty(index: 2)),
            (.properties(id: 7, values: [WireProperty(index: 0, value: .string("x"))]), .invalidProperty(index: 0)),
            (.properties(id: 7, values: [WireProperty(index: 1, value: .string("ninebytes"))]), .invalidProperty(index: 1)),
            (.universeState([WireProperty(index: 1, value: .int(1))]), .invalidProperty(index: 1)),
            (.message(WireGameMessage(scope: .player, code: 1, payload: [])), .unknownMessageCode(1)),
        ]
        for (event, error) in bad {
            #expect(throws: error) {
                try replica.apply(EventFrame(seq: 2, tick: 12, lastInputSeq: 0, events: [event]))
            }
            #expect(replica.entities == before.entities && replica.lastSeq == 1)
        }
        var spectator = started(player: 0)
        #expect(throws: ReplicaError.privateStateForSpectator) {
            try spectator.apply(EventFrame(seq: 1, tick: 11, lastInputSeq: 0,
                                           events: [.playerState([WireProperty(index: 0, value: .int(1))])]))
        }
    }

    @Test func theCheckerCountsPropertyAndMessageViolations() throws {
        var checker = ProtocolChecker()
        var replica = started()
        checker.begin(welcome(), region: nil)
        try checker.apply(EventFrame(seq: 1, tick: 11, lastInputSeq: 0, events: [.avatar(id: 7), .appeared(ship(7))]),
                          to: &replica, highestInputSent: 0)
        let ok = WireGameMessage(scope: .entity(7), code: 0, payload: [])
        try checker.apply(EventFrame(seq: 2, tick: 12, lastInputSeq: 0, events: [.message(ok)]), to: &replica,
                          highestInputSent: 0)
        #expect(checker.counts.total == 0)
        let far = WireGameMessage(scope: .entity(99), code: 0, payload: [])
        try checker.apply(EventFrame(seq: 3, tick: 13, lastInputSeq: 0, events: [.message(far)]), to: &replica,
                          highestInputSent: 0)
        #expect(checker.counts[.messageMismatch] == 1)
        #expect(throws: ReplicaError.invalidProperty(index: 0)) {
            try checker.apply(EventFrame(seq: 4, tick: 14, lastInputSeq: 0,
                                         events: [.properties(id: 7, values: [WireProperty(index: 0, value: .bytes([]))])]),
                              to: &replica, highestInputSent: 0)
        }
        #expect(checker.counts[.propertyMismatch] == 1)
    }
}
