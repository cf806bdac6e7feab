import OrreryArena
import OrreryServer
import OrreryWire
import OrreryWorld
import TestSupport
import Testing

/// A chat game: a `say` command is broadcast as a `said` message to the universe and counted in the universe state
/// and in the sender's private state; each player's ship carries its player id as a property.
private struct ChatRules: GameRules {
    let schema = GameSchema(
        game: "chat",
        kinds: [EntityKindStyle(code: 1, name: "ship", shape: .triangle, color: 0x00FF00)],
        entityProperties: [PropertySpec(name: "player", type: .int)],
        playerProperties: [PropertySpec(name: "said", type: .int)],
        universeProperties: [PropertySpec(name: "lines", type: .int)],
        messages: [MessageSpec(name: "said", format: .text)],
        commands: [MessageSpec(name: "say", format: .text)])

    mutating func playerJoined(_ player: UInt32, world: inout World) {
        let ship = world.spawn(kind: 1, x: world.random(in: 0...(world.width - 1)),
                               y: world.random(in: 0...(world.height - 1)), vx: 40, radius: 256, owner: player)
        world.setAvatar(of: player, to: ship)
        world.setProperty(EntityProperty(index: 0), of: ship, to: .int(Int64(player)))
    }

    mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {
        let said = world.playerState(PlayerProperty(index: 0), of: player)?.int ?? 0
        world.setPlayerState(PlayerProperty(index: 0), of: player, to: .int(said + 1))
        let lines = world.universeState(UniverseProperty(index: 0))?.int ?? 0
        world.setUniverseState(UniverseProperty(index: 0), to: .int(lines + 1))
        world.send(GameMessageKind(code: 0), payload: command.payload, to: .universe)
    }
}

@Suite(.serialized) struct RelayGameStateTests {
    @Test func commandsAndMessagesTravelOverSocketsAndVersion1ClientsPlayAlongside() async throws {
        let fixture = try RelayFixture { $0.rules = { _, _ in ChatRules() } }
        let talker = try await fixture.join("demo")
        let listener = try await fixture.join("demo")
        let old = try await fixture.join("demo", version: 1)
        #expect(talker.snapshot.welcomes.first?.version == 2 && old.snapshot.welcomes.first?.version == 1)
        #expect(await eventually(.seconds(20)) { talker.snapshot.replica.schema?.game == "chat" })
        talker.send(.command(WireCommand(code: 0, payload: Array("hello".utf8))))
        talker.send(.command(WireCommand(code: 0, payload: Array("again".utf8))))
        let heard = await eventually(.seconds(20)) { listener.snapshot.messages.count == 2 }
        #expect(heard)
        #expect(listener.snapshot.messages.map(\.payload) == [Array("hello".utf8), Array("again".utf8)])
        #expect(await eventually(.seconds(20)) {
            talker.snapshot.replica.playerState == [.int(2)] && talker.snapshot.replica.universeState == [.int(2)]
        })
        #expect(listener.snapshot.replica.playerState == [.int(0)], "private state stays private")
        // The version-1 client got frames all along, in version 1, without schema or messages.
        let checked = await eventually(.seconds(20)) { old.snapshot.checks > 20 && talker.snapshot.stateChecks > 20 }
        #expect(checked)
        #expect(old.snapshot.replica.schema == nil && old.snapshot.messages.isEmpty)
        for client in [talker, listener, old] { #expect(client.snapshot.problems == []) }
        // A command outside the schema (the client's encoder would refuse it: raw bytes) closes its sender with
        // 4000; both are counted.
        listener.sendRaw([MessageType.command.rawValue, 3, 0])
        #expect(await eventually(.seconds(20)) { listener.snapshot.closeCode == 4000 })
        #expect(await eventually(.seconds(20)) {
            fixture.counter(ServerMetrics.commandsReceived) == 3
                && fixture.counter(ServerMetrics.commandsRejected, ["unknown_code"]) == 1
        })
    }

    @Test func version1AndVersion2ArenaClientsStayExactSideBySide() async throws {
        let fixture = try RelayFixture()
        let clients = [try await fixture.join("demo", version: 1), try await fixture.join("demo", version: 2),
                       try await fixture.join("demo", version: 1), try await fixture.join("demo", version: 2)]
        let exact = await eventually(.seconds(30)) { clients.allSatisfy { $0.snapshot.checks > 100 } }
        #expect(exact)
        for client in clients { #expect(client.snapshot.problems == []) }
        #expect(clients[1].snapshot.replica.schema?.game == ArenaRules().schema.game)
        #expect(clients[0].snapshot.replica.schema == nil)
    }
}
