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
}
