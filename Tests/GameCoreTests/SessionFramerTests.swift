import OrreryArena
import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// The welcome and the world ↔ wire mappings.
@Suite struct SessionFramerTests {
    @Test func theWelcomeAfterAJoinDescribesTheSessionAndStartsAtSeqOne() throws {
        let config = UniverseConfig(width: 1000 * 256, height: 700 * 256, tickRate: 30, viewRadius: 90 * 256,
                                    hysteresis: 9 * 256, seed: 5)
        var universe = try Universe(config: config, rules: ArenaRules(config: ArenaConfig(tickRate: 30)))
        for _ in 1...7 { universe.step() }
        let player = universe.join()
        let framer = SessionFramer(tick: universe.tick, keepAliveTicks: 30)
        let token = ResumeToken(low: 11, high: 12)
        let welcome = framer.welcome(playerID: player, avatarID: universe.avatar(of: player) ?? 0,
                                     tick: universe.tick, config: config, resumeToken: token)
        #expect(welcome == Welcome(version: 1, playerId: player, avatarId: universe.avatar(of: player)!, tickRateHz: 30,
                                   currentTick: 7, worldWidth: 1000 * 256, worldHeight: 700 * 256,
                                   viewRadius: 90 * 256, viewHysteresis: 9 * 256, keepAliveTicks: 30,
                                   resumeToken: token, firstSeq: 1))
        #expect(welcome.avatarId != 0)
        var bytes: [UInt8] = []
        try WireEncoder.encode(.welcome(welcome), into: &bytes)
        #expect(try WireDecoder.decodeServerMessage(bytes) == .welcome(welcome))
        #expect(framer.nextSeq == 1 && framer.lastSentTick == 7 && framer.lastSentInputSeq == 0)
    }

    @Test func regionsBecomeInclusiveRectanglesAndNoRegionTheWholeWorld() {
        #expect(WireToWorld.spectatorView(nil) == .wholeWorld)
        #expect(WireToWorld.spectatorView(Region(x: -10, y: 5, width: 100, height: 1))
                == .rectangle(minX: -10, minY: 5, maxX: 89, maxY: 5))
        #expect(WireToWorld.spectatorView(Region(x: .max - 1, y: 0, width: 10, height: .max))
                == .rectangle(minX: .max - 1, minY: 0, maxX: .max, maxY: .max - 1))
    }

    @Test func inputsAndEventsAreCopiedFieldByField() {
        let input = WireToWorld.input(OrreryWire.PlayerInput(seq: 9, heading: 0xBEEF, throttle: 200, actions: 0x81))
        #expect(input == OrreryWorld.PlayerInput(seq: 9, heading: 0xBEEF, throttle: 200, actions: 0x81))
        for reason in [OrreryWorld.DestroyReason.expired, .collision, .shot, .ownerLeft] {
            #expect(WorldToWire.reason(reason).rawValue == reason.rawValue)
        }
        let state = EntityState(id: 3, kind: 4, x: -5, y: 6, vx: -7, vy: 8, heading: 9, radius: 10, owner: 11)
        #expect(WorldToWire.event(.appeared(state))
                == .appeared(EntityRecord(id: 3, kind: 4, x: -5, y: 6, vx: -7, vy: 8, heading: 9, radius: 10,
                                          owner: 11)))
        #expect(WorldToWire.event(.changed(state.motion))
                == .changed(EntityMotion(id: 3, x: -5, y: 6, vx: -7, vy: 8, heading: 9)))
        #expect(WorldToWire.event(.avatar(entityID: 0)) == .avatar(id: 0))
        #expect(WorldToWire.event(.disappeared(id: 4)) == .disappeared(id: 4))
        #expect(WorldToWire.event(.destroyed(id: 5, reason: .shot)) == .destroyed(id: 5, reason: .shot))
    }

    @Test func spectatorsSharingEventsGetTheBytesTheyWouldGetAlone() throws {
        var universe = try Universe(config: UniverseConfig(width: 600 * 256, height: 600 * 256, seed: 3),
                                    rules: ArenaRules(config: ArenaConfig(asteroidCount: 40, npcCount: 10)))
        let players = (0..<6).map { _ in universe.join() }
        var seq: UInt32 = 0
        func steer() {
            seq += 1
            for player in players {
                let heading = UInt16(truncatingIfNeeded: seq &* 4_099 &+ player)
                universe.submitInput(PlayerInput(seq: seq, heading: heading, throttle: 200, actions: 0), from: player)
            }
        }
        let dialect = WireDialect(schema: WorldToWire.schema(universe.schema))
        var shared: [UInt32: SessionFramer] = [:]
        var alone: [UInt32: SessionFramer] = [:]
        func watch(_ dialect: WireDialect) {
            let spectator = universe.addSpectator(.wholeWorld)
            shared[spectator] = SessionFramer(tick: universe.tick, dialect: dialect)
            alone[spectator] = shared[spectator]
        }
        var bodies = FrameBodies()
        var frames = 0
        func tick() throws {
            steer()
            universe.step()
            try universe.forEachObserverUpdate { (update) throws(WireEncodingError) in
                guard shared[update.observerID] != nil else { return }
                var sharedBytes: [UInt8] = []
                var aloneBytes: [UInt8] = []
                let sent = try shared[update.observerID]!.appendFrame(for: update, in: universe, tick: universe.tick,
                                                                      into: &sharedBytes, sharing: &bodies)
                let sentAlone = try alone[update.observerID]!.appendFrame(for: update, in: universe,
                                                                          tick: universe.tick, into: &aloneBytes)
                #expect(sent == sentAlone && sharedBytes == aloneBytes)
                if sent { frames += 1 }
            }
        }
        watch(dialect)
        watch(.v1)
        for _ in 0..<5 { try tick() }
        watch(dialect)
        watch(dialect)
        for _ in 0..<60 { try tick() }
        let seqs = Set(shared.values.map(\.nextSeq))
        #expect(seqs.count >= 2 && frames > 100)
        #expect(bodies.copies > 60)
    }
}
