import Testing
@testable import OrreryWorld

/// Game messages to their three audiences, commands and input payloads in tick order, and identity.
@Suite struct GameMessageTests {
    private func scene() throws -> (Universe, near: UInt32, far: UInt32, spectator: UInt32, blob: UInt32) {
        try featureScene(spectating: .rectangle(minX: 0, minY: 0, maxX: 20_000, maxY: 20_000),
                         nearIdentity: PlayerIdentity(account: 7, name: "ada"))
    }

    private func messages(_ universe: Universe, _ observer: UInt32) -> [GameMessage] {
        universe.events(for: observer).compactMap {
            if case .message(let index) = $0 { return universe.messages[index] }
            return nil
        }
    }

    @Test func eachAudienceGetsItsMessagesInTheOrderSent() throws {
        var (universe, near, far, spectator, blob) = try scene()
        #expect(universe.world.send(Feature.chat, text: "all", to: .universe) == true)
        #expect(universe.world.send(Feature.ping, payload: [1], to: .player(far)) == true)
        #expect(universe.world.send(Feature.chat, text: "blob", to: .observers(ofEntity: blob)) == true)
        #expect(universe.world.send(Feature.ping, payload: [2], to: .player(near)) == true)
        universe.step()
        let all = GameMessage(kind: Feature.chat, audience: .universe, payload: Array("all".utf8))
        let aboutBlob = GameMessage(kind: Feature.chat, audience: .observers(ofEntity: blob), payload: Array("blob".utf8))
        #expect(universe.messages.count == 4)
        #expect(messages(universe, near) == [all, aboutBlob, GameMessage(kind: Feature.ping, audience: .player(near), payload: [2])])
        #expect(messages(universe, far) == [all, GameMessage(kind: Feature.ping, audience: .player(far), payload: [1])])
        #expect(messages(universe, spectator) == [all])
        #expect(isInModelOrder(universe.events(for: near)))
        universe.step()
        #expect(universe.messages.isEmpty && universe.events(for: near).isEmpty)
    }

    @Test func aMessageAboutAnEntityDestroyedInTheTickGoesToThoseWhoSawIt() throws {
        var (universe, near, far, spectator, blob) = try scene()
        universe.world.destroy(blob, reason: .shot)
        #expect(universe.world.send(Feature.chat, text: "gone", to: .observers(ofEntity: blob)) == true)
        universe.step()
        #expect(universe.events(for: near) == [.destroyed(id: blob, reason: .shot), .message(index: 0)])
        #expect(universe.events(for: far).isEmpty && universe.events(for: spectator).isEmpty)
        #expect(universe.world.send(Feature.chat, text: "later", to: .observers(ofEntity: blob)) == false)
    }

    @Test func aMessageAboutAnEntityThatAppearsReachesItsNewObservers() throws {
        var (universe, _, far, spectator, blob) = try scene()
        universe.world.teleport(blob, x: 10_500, y: 10_000)
        universe.world.send(Feature.ping, payload: [], to: .observers(ofEntity: blob))
        universe.step()
        #expect(universe.events(for: far) == [.appeared(universe.entity(blob)!), .message(index: 0)])
        #expect(universe.events(for: spectator) == [.appeared(universe.entity(blob)!), .message(index: 0)])
    }

    @Test func badMessagesAreRefused() throws {
        var (universe, near, _, spectator, _) = try scene()
        #expect(universe.world.send(GameMessageKind(code: 2), payload: [], to: .universe) == false)
        #expect(universe.world.send(Feature.chat, payload: [0xFF], to: .universe) == false)
        #expect(universe.world.send(Feature.ping, payload: [0xFF], to: .universe) == true)
        #expect(universe.world.send(Feature.ping, payload: [UInt8](repeating: 0, count: 1025), to: .universe) == false)
        #expect(universe.world.send(Feature.ping, payload: [UInt8](repeating: 0, count: 1024), to: .universe) == true)
        #expect(universe.world.send(Feature.chat, text: "x", to: .player(spectator)) == false)
        #expect(universe.world.send(Feature.chat, text: "x", to: .observers(ofEntity: 999)) == false)
        universe.step()
        #expect(messages(universe, near).map(\.payload.count) == [1, 1024])
    }

    @Test func commandsRunAfterInputsInTheOrderReceivedAtTheNextTick() throws {
        var (universe, near, far, _, _) = try scene()
        #expect(universe.submitCommand(GameCommand(kind: Feature.boost, payload: [1]), from: far) == true)
        #expect(universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0, payload: [9, 9]), from: far) == true)
        #expect(universe.submitCommand(GameCommand(kind: Feature.say, payload: Array("hé".utf8)), from: near) == true)
        #expect(universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0), from: near) == true)
        #expect(universe.submitCommand(GameCommand(kind: Feature.boost), from: far) == true)
        let before = (universe.rules as! RecordingRules).log.count
        universe.step()
        let log = (universe.rules as! RecordingRules).log.dropFirst(before)
        #expect(Array(log) == ["input \(near) seq 1 []", "input \(far) seq 1 [9, 9]",
                               "command \(far) code 1 [1]", "command \(near) code 0 [104, 195, 169]",
                               "command \(far) code 1 []", "step \(universe.tick)"])
        universe.step()
        #expect((universe.rules as! RecordingRules).log.last == "step \(universe.tick)")
        #expect((universe.rules as! RecordingRules).log.count == before + 7)
    }

    @Test func badCommandsAndInputPayloadsAreRefused() throws {
        var (universe, near, _, spectator, _) = try scene()
        #expect(universe.submitCommand(GameCommand(kind: CommandKind(code: 2)), from: near) == false)
        #expect(universe.submitCommand(GameCommand(kind: Feature.say, payload: [0xC0, 0x80]), from: near) == false)
        #expect(universe.submitCommand(GameCommand(kind: Feature.boost, payload: [UInt8](repeating: 1, count: 17)), from: near) == false)
        #expect(universe.submitCommand(GameCommand(kind: Feature.boost, payload: [UInt8](repeating: 1, count: 16)), from: near) == true)
        #expect(universe.submitCommand(GameCommand(kind: Feature.boost), from: spectator) == false)
        #expect(universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0, payload: [1, 2, 3, 4, 5]), from: near) == false)
        #expect(universe.submitInput(PlayerInput(seq: 1, heading: 0, throttle: 0, payload: [1, 2, 3, 4]), from: near) == true)
        let before = (universe.rules as! RecordingRules).log.count
        universe.step()
        #expect((universe.rules as! RecordingRules).log.count == before + 3)
    }

    @Test func aLeavingPlayersQueuedCommandsAreDropped() throws {
        var (universe, near, far, _, _) = try scene()
        universe.submitCommand(GameCommand(kind: Feature.boost), from: far)
        universe.leave(far)
        let before = (universe.rules as! RecordingRules).log.count
        universe.step()
        #expect(Array((universe.rules as! RecordingRules).log.dropFirst(before)) == ["step \(universe.tick)"])
        #expect(universe.world.identity(of: near) == PlayerIdentity(account: 7, name: "ada"))
    }

    @Test func rulesReadTheIdentityAPlayerJoinedWith() throws {
        var universe = try busyUniverse(seed: 3, players: 2)
        #expect(universe.world.identity(of: 1) == PlayerIdentity(account: 100, name: "p0"))
        #expect(universe.world.identity(of: 2)?.account == 101)
        let anonymous = universe.join()
        #expect(universe.world.identity(of: anonymous) == PlayerIdentity())
        #expect(universe.world.identity(of: 999) == nil)
        let avatar = universe.avatar(of: 2)!
        #expect(universe.world.property(Feature.name, of: avatar) == .string("p1"))
    }
}
