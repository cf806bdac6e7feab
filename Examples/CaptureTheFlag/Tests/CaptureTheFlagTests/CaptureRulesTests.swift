import CaptureTheFlag
import OrreryTesting
import OrreryWorld
import Testing

@Suite struct CaptureRulesTests {
    @Test func playersJoinTheSmallerTeamWithTheirNameAndFullAmmo() throws {
        var match = try Match.start()
        let ann = match.join("ann"), bob = match.join("bob"), cy = match.join("a-very-long-name-indeed")
        let kinds = [ann, bob, cy].compactMap { match.avatar($0)?.kind }
        #expect(kinds == [CaptureSchema.Kind.redRunner, CaptureSchema.Kind.blueRunner, CaptureSchema.Kind.redRunner])
        let avatar = try #require(match.avatar(cy))
        #expect(match.property(CaptureSchema.name, of: avatar.id) == .string("a-very-long-name"))
        #expect(match.property(CaptureSchema.team, of: try #require(match.avatar(bob)).id) == .int(2))
        #expect(match.universe.playerState(CaptureSchema.ammo, of: ann) == .int(10))
        #expect(match.universe.universeState(CaptureSchema.round) == .int(1))
        #expect(match.universe.universeState(CaptureSchema.timeLeft) == .int(180))
        let unnamed = match.universe.join()
        #expect(match.property(CaptureSchema.name, of: try #require(match.avatar(unnamed)).id)
                == .string("runner-\(unnamed)"))
    }

    @Test func aRunnerCarriesTheEnemyFlagHomeScoresAndEndsTheRound() throws {
        var config = CaptureConfig()
        config.winningScore = 1
        var match = try Match.start(rules: CaptureRules(config: config))
        let ann = match.join("ann")
        _ = match.join("bob")
        let blueFlag = try #require(match.entities(ofKind: CaptureSchema.Kind.blueFlag).first)
        let tookFlag = Match.takeBlueFlag(ann, in: &match)
        #expect(tookFlag)
        let runner = try #require(match.avatar(ann))
        #expect(match.property(CaptureSchema.carrier, of: blueFlag.id) == .int(Int64(runner.id)))
        #expect(match.texts("flag") == ["ann took the blue flag"])
        let home = Match.redBase
        var followed = 0
        let scored = match.run(drive: { $0.steer(ann, toward: home) }, until: { match in
            if match.property(CaptureSchema.carrier, of: blueFlag.id) != .int(0),
               let flag = match.universe.entity(blueFlag.id), let me = match.avatar(ann) {
                #expect(flag.x == me.x && flag.y == me.y)
                followed += 1
            }
            return !match.texts("captured").isEmpty
        })
        #expect(scored)
        #expect(followed > 100)
        #expect(match.texts("captured") == ["ann captured the blue flag for red"])
        #expect(match.texts("roundOver") == ["round 1: red wins 1-0"])
        let flag = try #require(match.universe.entity(blueFlag.id))
        #expect((flag.x, flag.y) == Match.blueBase && match.property(CaptureSchema.carrier, of: flag.id) == .int(0))
        #expect(match.universe.universeState(CaptureSchema.redScore) == .int(0))
        #expect(match.universe.universeState(CaptureSchema.round) == .int(2))
    }

    @Test func aShotTagsTheCarrierWhoDropsTheFlagThatItsTeamThenReturns() throws {
        var match = try Match.start()
        let ann = match.join("ann"), bob = match.join("bob")
        let blueFlag = try #require(match.entities(ofKind: CaptureSchema.Kind.blueFlag).first)
        let tookFlag = Match.takeBlueFlag(ann, in: &match)
        #expect(tookFlag)
        let carrier = try #require(match.avatar(ann))
        let tagged = match.run(limit: 200, drive: { match in
            guard let other = match.avatar(ann) else { return }
            match.steer(bob, toward: (other.x, other.y), fire: true)
        }, until: { $0.universe.destroyedLastTick.contains { $0.state.id == carrier.id } })
        #expect(tagged)
        #expect(match.universe.destroyedLastTick.first { $0.state.id == carrier.id }?.reason == .shot)
        #expect(match.log.last { $0.kind == "tagged" }.map { "\($0.audience) \($0.text)" } == "player(\(ann)) tagged by bob")
        #expect(match.texts("flag").last == "the blue flag was dropped")
        #expect(match.property(CaptureSchema.carrier, of: blueFlag.id) == .int(0))
        let ammo = match.universe.playerState(CaptureSchema.ammo, of: bob)?.int ?? 10
        #expect(ammo < 10)
        let returned = match.run(limit: 400, drive: { match in
            guard let flag = match.universe.entity(blueFlag.id) else { return }
            match.steer(bob, toward: (flag.x, flag.y))
        }, until: { $0.texts("flag").last == "bob returned the blue flag" })
        #expect(returned)
        let flag = try #require(match.universe.entity(blueFlag.id))
        #expect((flag.x, flag.y) == Match.blueBase)
        let back = match.run(limit: 60, until: { $0.avatar(ann) != nil })
        #expect(back)
        let respawned = try #require(match.avatar(ann))
        #expect(respawned.id != carrier.id && respawned.kind == CaptureSchema.Kind.redRunner)
        #expect(abs(respawned.x - Match.redBase.x) <= 4 * 256)
    }

    @Test func shotsCostAmmoThatRefillsInTheOwnBase() throws {
        var match = try Match.start()
        let ann = match.join("ann")
        let centre = (x: Match.config.width / 2, y: Match.config.height / 2)
        let atCentre = match.run(drive: { $0.steer(ann, toward: centre) }, until: { match in
            match.avatar(ann).map { abs($0.x - centre.x) < 256 } ?? false
        })
        #expect(atCentre)
        var shots = 0
        for _ in 0..<12 {
            match.submit(ann, heading: 16384, throttle: 0, actions: PlayerInput.fire)
            for _ in 0..<5 {
                match.step()
                shots += match.universe.world.count(ofKind: CaptureSchema.Kind.shot) > 0 ? 1 : 0
            }
        }
        #expect(match.universe.playerState(CaptureSchema.ammo, of: ann) == .int(0))
        #expect(shots > 0)
        let home = Match.redBase
        let refilled = match.run(drive: { $0.steer(ann, toward: home) }, until: {
            $0.universe.playerState(CaptureSchema.ammo, of: ann) == .int(10)
        })
        #expect(refilled)
    }

    @Test func chatIsRelayedToTheUniverseWithTheSendersName() throws {
        var match = try Match.start()
        let ann = match.join("ann")
        let chat = GameCommand(kind: CaptureSchema.chatCommand, payload: Array("go red".utf8))
        let accepted = match.universe.submitCommand(chat, from: ann)
        #expect(accepted)
        match.step()
        #expect(match.log.map { "\($0.kind) \($0.audience) \($0.text)" } == ["chat universe ann: go red"])
    }

    @Test func theClockRunsDownAndEndsTheRoundInADraw() throws {
        var config = CaptureConfig()
        config.roundTicks = 60
        var match = try Match.start(rules: CaptureRules(config: config))
        _ = match.join("ann")
        var clock: [Int64] = []
        for _ in 0..<60 {
            match.step()
            clock.append(match.universe.universeState(CaptureSchema.timeLeft)?.int ?? -1)
        }
        #expect(clock.prefix(19).allSatisfy { $0 == 3 } && clock[19] == 2 && clock[58] == 1)
        #expect(match.texts("roundOver") == ["round 1: draw 0-0"])
        #expect(match.universe.universeState(CaptureSchema.round) == .int(2) && clock[59] == 3)
    }
}
