import OrreryWorld

/// A small game with a schema that uses commands and input payloads: each player gets a named ship; a command adds
/// its payload's length to the player's private `total`, counts in the universe's `commands` and is announced; an
/// input payload becomes the player's private `last`.
struct TallyRules: GameRules {
    let schema = GameSchema(
        game: "tally",
        kinds: [EntityKindStyle(code: 1, name: "ship", shape: .triangle, color: 0x00FF00, glyph: "▲",
                                label: EntityProperty(index: 0))],
        entityProperties: [PropertySpec(name: "name", type: .string(maxLength: 32))],
        playerProperties: [PropertySpec(name: "total", type: .int), PropertySpec(name: "last", type: .bytes(maxLength: 4))],
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

    mutating func applyInput(_ input: PlayerInput, player: UInt32, world: inout World) {
        world.setPlayerState(PlayerProperty(index: 1), of: player, to: .bytes(input.payload))
    }

    mutating func command(_ command: GameCommand, player: UInt32, world: inout World) {
        let total = world.playerState(PlayerProperty(index: 0), of: player)?.int ?? 0
        world.setPlayerState(PlayerProperty(index: 0), of: player, to: .int(total + Int64(command.payload.count)))
        let commands = world.universeState(UniverseProperty(index: 0))?.int ?? 0
        world.setUniverseState(UniverseProperty(index: 0), to: .int(commands + 1))
        world.send(GameMessageKind(code: 0), text: "p\(player) counted", to: .universe)
    }
}
