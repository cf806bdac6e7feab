import OrreryBots
import OrreryClient
import OrreryWire
import Testing

@Suite struct BotBrainTests {
    func replica(avatarHeading: UInt16, others: [EntityRecord]) throws -> Replica {
        var replica = Replica()
        replica.begin(Welcome(playerId: 1, avatarId: 0, tickRateHz: 20, currentTick: 0, worldWidth: 1 << 20,
                              worldHeight: 1 << 20, viewRadius: 1 << 16, viewHysteresis: 0, keepAliveTicks: 20,
                              resumeToken: ResumeToken(low: 0, high: 0), firstSeq: 1))
        let me = EntityRecord(id: 1, kind: 1, x: 10_000, y: 10_000, vx: 0, vy: 0, heading: avatarHeading, radius: 256,
                              owner: 1)
        try replica.apply(EventFrame(seq: 1, tick: 1, lastInputSeq: 0,
                                     events: [.avatar(id: 1), .appeared(me)] + others.map { .appeared($0) }))
        return replica
    }

    func ship(_ id: UInt32, kind: UInt8 = 2, x: Int32, y: Int32, vx: Int32 = 0) -> EntityRecord {
        EntityRecord(id: id, kind: kind, x: x, y: y, vx: vx, vy: 0, heading: 0, radius: 256, owner: 0)
    }

    @Test func idleBotsSendNothing() throws {
        var brain = BotBrain(behavior: .idle, seed: 1)
        #expect(brain.decide(replica: try replica(avatarHeading: 0, others: []), atTick: 1) == nil)
    }

    @Test func wanderingIsRandomButRepeatsForTheSameSeed() throws {
        let world = try replica(avatarHeading: 0, others: [])
        var first = BotBrain(behavior: .wander, seed: 7), second = BotBrain(behavior: .wander, seed: 7)
        var other = BotBrain(behavior: .wander, seed: 8)
        let a = (0..<50).compactMap { _ in first.decide(replica: world, atTick: 1) }
        #expect(a.count == 50)
        #expect(a == (0..<50).compactMap { _ in second.decide(replica: world, atTick: 1) })
        #expect(a != (0..<50).compactMap { _ in other.decide(replica: world, atTick: 1) })
        #expect(Set(a.map(\.heading)).count > 3)
        #expect(a.contains { $0.fire } && a.contains { !$0.fire })
    }

    @Test func chasersSteerToTheNearestShipAndFireWhenAligned() throws {
        // A ship straight above (+y, heading 16384), a farther one to the right, an asteroid closer still.
        let others = [ship(2, x: 10_000, y: 12_000), ship(3, kind: 1, x: 15_000, y: 10_000),
                      EntityRecord(id: 4, kind: 3, x: 10_100, y: 10_000, vx: 0, vy: 0, heading: 0, radius: 512, owner: 0)]
        var brain = BotBrain(behavior: .chase, seed: 1)
        let facingAway = try #require(brain.decide(replica: try replica(avatarHeading: 0, others: others), atTick: 1))
        #expect(facingAway.heading == 16384)
        #expect(!facingAway.fire)
        let facing = try #require(brain.decide(replica: try replica(avatarHeading: 16000, others: others), atTick: 1))
        // 8 m away, inside the 30 m close range: it slows down.
        #expect(facing.heading == 16384 && facing.fire && facing.throttle == 64)
    }

    @Test func chasersLookWhereShipsAreNowNotWhereTheyWere() throws {
        // Ship 2 starts left of us but moves right fast: by tick 101 it is to the right (heading 0).
        let world = try replica(avatarHeading: 0, others: [ship(2, x: 9_000, y: 10_000, vx: 100)])
        var brain = BotBrain(behavior: .chase, seed: 1)
        #expect(brain.decide(replica: world, atTick: 1)?.heading == 32768)
        #expect(brain.decide(replica: world, atTick: 101)?.heading == 0)
    }

    @Test func chasersWithoutTargetsWander() throws {
        var brain = BotBrain(behavior: .chase, seed: 3)
        #expect(brain.decide(replica: try replica(avatarHeading: 0, others: []), atTick: 1) != nil)
    }

    @Test func churnStepsStayInTheirRanges() {
        var brain = BotBrain(behavior: .churn, seed: 5)
        let steps = (0..<200).map { _ in brain.nextChurnStep() }
        #expect(steps.allSatisfy { (1000...4000).contains($0.playMilliseconds) && (200...1500).contains($0.awayMilliseconds) })
        #expect(steps.contains { $0.abrupt } && steps.contains { !$0.abrupt })
        #expect(steps.contains { $0.resume } && steps.contains { !$0.resume })
    }

    @Test func steeringGeometry() {
        #expect(Steering.heading(dx: 1, dy: 0) == 0)
        #expect(Steering.heading(dx: 0, dy: 1) == 16384)
        #expect(Steering.heading(dx: -1, dy: 0) == 32768)
        #expect(Steering.heading(dx: 0, dy: -1) == 49152)
        #expect(Steering.heading(dx: 1, dy: -0.000001) == 0)
        #expect(Steering.separation(100, 65000) == 636)
        #expect(Steering.separation(0, 32768) == 32768)
    }

    @Test func behaviourListsAndSwarmAssignment() {
        #expect(BotBehavior.list(parsing: "wander, chase") == [.wander, .chase])
        #expect(BotBehavior.list(parsing: "wander,fly") == nil)
        #expect(BotBehavior.list(parsing: "") == nil)
        let configuration = SwarmConfiguration(host: "127.0.0.1", port: 1, universes: ["a", "b"], count: 8,
                                               behaviors: [.wander, .chase, .idle, .churn])
        let pairs = (0..<8).map { "\(configuration.universe(of: $0))-\(configuration.behavior(of: $0))" }
        #expect(pairs == ["a-wander", "b-wander", "a-chase", "b-chase", "a-idle", "b-idle", "a-churn", "b-churn"])
    }
}
