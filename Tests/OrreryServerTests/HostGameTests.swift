import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld
import Testing

/// A tally game: each player gets a ship named after it; a `count` command adds its payload's length to the
/// player's private `total` and tells the universe; the rules remember the identities they were handed.
private struct TallyRules: GameRules {
    let schema = GameSchema(
        game: "tally",
        kinds: [EntityKindStyle(code: 1, name: "ship", shape: .triangle, color: 0x00FF00, glyph: "▲",
                                label: EntityProperty(index: 0))],
        entityProperties: [PropertySpec(name: "name", type: .string(maxLength: 32))],
        playerProperties: [PropertySpec(name: "total", type: .int)],
        universeProperties: [PropertySpec(name: "commands", type: .int)],
        messages: [MessageSpec(name: "counted", format: .text)],
        commands: [MessageSpec(name: "count", format: .text), MessageSpec(name: "raw", format: .bytes)],
        inputPayloadMaxBytes: 4, commandMaxBytes: 16)

    mutating func playerJoined(_ player: UInt32, world: inout World) {
        let ship = world.spawn(kind: 1, x: 100 * 256, y: 100 * 256, radius: 256, owner: player)
        world.setAvatar(of: player, to: ship)
        let identity = world.identity(of: player)
        world.setProperty(EntityProperty(index: 0), of: ship,
                          to: .string("\(identity?.name ?? "anonymous") #\(identity?.account ?? 0)"))
    }

    mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {
        let total = world.playerState(PlayerProperty(index: 0), of: player)?.int ?? 0
        world.setPlayerState(PlayerProperty(index: 0), of: player, to: .int(total + Int64(command.payload.count)))
        let commands = world.universeState(UniverseProperty(index: 0))?.int ?? 0
        world.setUniverseState(UniverseProperty(index: 0), to: .int(commands + 1))
        world.send(GameMessageKind(code: 0), text: "p\(player) counted", to: .universe)
    }
}

@Suite struct HostGameTests {
    private let tick = HostFixture.second / 20

    private func send(_ message: ClientMessage, _ host: UniverseHost, _ client: HostClient, now: UInt64 = 0) {
        host.receive(HostFixture.encode(message)[...], from: client.link, now: now)
    }

    @Test func aVersion2JoinGetsItsAccountAndTheSchemaAndTheRulesSeeTheTicketAndTheName() throws {
        let host = try HostFixture.host(rules: TallyRules())
        var client = HostClient(host: host, identity: 7, now: 0)
        send(.join(Join(role: .player, displayName: "ada")), host, client)
        guard client.sink.messages.count == 2, case .welcome(let welcome) = client.sink.messages[0],
              case .schema(let schema) = client.sink.messages[1] else {
            Issue.record("expected welcome + schema, got \(client.sink.messages)")
            return
        }
        #expect(welcome.version == 2 && welcome.account == 7 && welcome.playerId == 1)
        #expect(schema == host.schemaMessage && schema.game == "tally" && schema.kinds[0].label == 1)
        #expect(host.universe.world.identity(of: 1) == PlayerIdentity(account: 7, name: "ada"))
        host.tick(now: tick)
        client.drain()
        #expect(client.problems.isEmpty)
        #expect(client.replica.property(0, of: client.replica.avatarId) == .string("ada #7"))
    }

    @Test func aVersion1JoinGetsTheVersion1WelcomeWithoutSchemaAndNoStateEvents() throws {
        let host = try HostFixture.host(rules: TallyRules())
        let client = HostClient(host: host, identity: 9, now: 0)
        HostFixture.join(host, client, version: 1, now: 0)
        host.receive(HostFixture.encode(.command(WireCommand(code: 0, payload: [0x61])))[...], from: client.link,
                     now: 0)
        // Version 1 has no command message: type 0x05 is unknown there.
        #expect(client.sink.closeCode == 4000 && host.counters.commandsReceived == 0)
        var fresh = HostClient(host: host, identity: 10, now: 0)
        HostFixture.join(host, fresh, version: 1, now: 0)
        host.tick(now: tick)
        fresh.drain()
        guard case .welcome(let welcome) = fresh.sink.messages.first else {
            Issue.record("no welcome")
            return
        }
        #expect(welcome.version == 1 && welcome.account == 0 && fresh.sink.messages.count == 2)
        #expect(fresh.problems.isEmpty && fresh.replica.schema == nil && fresh.replica.entities.count == 2)
        for (bytes, message) in zip(fresh.sink.bytes, fresh.sink.messages) {
            var again: [UInt8] = []
            try WireEncoder.encode(message, dialect: .v1, into: &again)
            #expect(again == bytes, "version-1 bytes")
        }
    }

    @Test func commandsReachTheRulesOnTheNextTickAndTheirEffectsComeBack() throws {
        let host = try HostFixture.host(rules: TallyRules())
        var player = HostClient(host: host, now: 0)
        HostFixture.join(host, player, now: 0)
        var spectator = HostClient(host: host, now: 0)
        HostFixture.join(host, spectator, role: .spectator, now: 0)
        send(.command(WireCommand(code: 0, payload: Array("three".utf8))), host, player)
        send(.command(WireCommand(code: 1, payload: [0xFF, 0x00])), host, player)
        #expect(host.counters.commandsReceived == 2)
        host.tick(now: tick)
        player.drain()
        spectator.drain()
        #expect(player.problems.isEmpty && spectator.problems.isEmpty)
        #expect(player.replica.playerState == [.int(7)])
        #expect(spectator.replica.playerState == [.int(0)], "private state never reaches a spectator")
        for replica in [player.replica, spectator.replica] {
            #expect(replica.universeState == [.int(2)])
            #expect(replica.messages.map(\.payload) == [Array("p1 counted".utf8), Array("p1 counted".utf8)])
        }
        #expect(host.counters.commandsRejected.allSatisfy { $0 == 0 })
    }

    @Test(arguments: [
        (WireCommand(code: 2, payload: []), CommandRejection.unknownCode, "command code 2 is not in the schema"),
        (WireCommand(code: 1, payload: Array(repeating: 1, count: 17)), .tooLong, "over the schema's 16"),
        (WireCommand(code: 0, payload: [0xC3, 0x28]), .invalidUTF8, "invalid-utf8"),
    ])
    func commandsOutsideTheSchemaClose4000AndAreCountedByReason(_ command: WireCommand, _ reason: CommandRejection,
                                                                 _ text: String) throws {
        let host = try HostFixture.host(rules: TallyRules())
        let client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        send(.command(command), host, client)
        #expect(client.sink.closeCode == 4000 && client.sink.errorCodes == [4000])
        #expect(client.sink.messages.contains { if case .error(let error) = $0 { error.message.contains(text) } else { false } })
        #expect(host.counters.commandsRejected(reason) == 1 && host.counters.protocolErrors(.malformed) == 1)
    }

    @Test func aSpectatorsCommandAndAnOversizedInputPayloadClose4000() throws {
        let host = try HostFixture.host(rules: TallyRules())
        let spectator = HostClient(host: host, now: 0)
        HostFixture.join(host, spectator, role: .spectator, now: 0)
        send(.command(WireCommand(code: 0, payload: [])), host, spectator)
        #expect(spectator.sink.closeCode == 4000 && host.counters.commandsRejected(.spectator) == 1)
        let player = HostClient(host: host, now: 0)
        HostFixture.join(host, player, now: 0)
        send(.input(PlayerInput(seq: 1, heading: 0, throttle: 0, actions: 0, payload: [1, 2, 3, 4])), host, player)
        #expect(player.sink.closeCode == nil)
        send(.input(PlayerInput(seq: 2, heading: 0, throttle: 0, actions: 0, payload: [1, 2, 3, 4, 5])), host, player)
        #expect(player.sink.closeCode == 4000 && host.counters.protocolErrors(.malformed) == 1)
    }

    @Test func commandsShareTheInputRateLimit() throws {
        var policy = HostPolicy()
        policy.input = InputLimiter.Policy(ratePerSecond: 10, burst: 2, maximumDrops: 3)
        let host = try HostFixture.host(rules: TallyRules(), policy: policy)
        let client = HostClient(host: host, now: 0)
        HostFixture.join(host, client, now: 0)
        send(.input(PlayerInput(seq: 1, heading: 0, throttle: 0, actions: 0)), host, client)
        for _ in 0..<3 { send(.command(WireCommand(code: 0, payload: [])), host, client) }
        #expect(host.counters.commandsRejected(.rateLimited) == 2 && client.sink.closeCode == nil)
        for _ in 0..<2 { send(.command(WireCommand(code: 0, payload: [])), host, client) }
        #expect(client.sink.closeCode == 1008 && host.counters.protocolErrors(.inputFlood) == 1)
    }

    @Test func theFirstFrameOfAnEmptyViewComesOnTheNextTick() throws {
        let host = try HostFixture.host(rules: EmptyRules())
        var spectator = HostClient(host: host, now: 0)
        HostFixture.join(host, spectator, role: .spectator, region: Region(x: 0, y: 0, width: 256, height: 256),
                         now: 0)
        host.tick(now: tick)
        spectator.drain()
        #expect(spectator.replica.lastSeq == 1 && spectator.replica.tick == 1 && spectator.problems.isEmpty)
        host.tick(now: 2 * tick)
        spectator.drain()
        #expect(spectator.replica.lastSeq == 1, "then only keep-alives")
    }

    @Test func theTruthShowsPropertiesTheObserversOwnPrivateStateAndTheUniverseState() throws {
        let host = try HostFixture.host(rules: TallyRules())
        let player = HostClient(host: host, identity: 5, now: 0)
        send(.join(Join(role: .player, displayName: "bo\"b")), host, player)
        let spectator = HostClient(host: host, now: 0)
        HostFixture.join(host, spectator, role: .spectator, now: 0)
        send(.command(WireCommand(code: 1, payload: [1, 2, 3])), host, player)
        host.tick(now: tick)
        let log = TruthLog(capacity: 2)
        log.record(host.universe)
        let record = try #require(log.record(at: nil))
        let all = try #require(TruthLog.json(record, universe: "game"))
        #expect(all.contains("\"players\":[1],\"spectators\":[2]"))
        #expect(all.contains("\"properties\":{\"name\":\"bo\\\"b #5\"}"))
        #expect(all.contains("\"universeState\":{\"commands\":1}") && !all.contains("playerState"))
        let mine = try #require(TruthLog.json(record, universe: "game", observer: 1))
        #expect(mine.contains("\"observer\":1") && mine.contains("\"playerState\":{\"total\":3}"))
        let watcher = try #require(TruthLog.json(record, universe: "game", observer: 2))
        #expect(watcher.contains("\"observer\":2") && !watcher.contains("playerState"))
        #expect(watcher.contains("\"universeState\":{\"commands\":1}"))
        #expect(TruthLog.json(record, universe: "game", observer: 3) == nil)
    }
}
