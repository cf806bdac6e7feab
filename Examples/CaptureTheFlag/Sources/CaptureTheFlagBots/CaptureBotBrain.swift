import CaptureTheFlag
import OrreryBots
import OrreryClient
import OrreryWire

/// The game's own bot: runs for the other team's flag, carries it home, sends its own dropped flag home, shoots
/// the nearest opponent within 25 m while it has ammo (its private state), and now and then says something in
/// the chat. Everything it knows comes from its replica: kinds, the flags' `carrier` property, its `ammo`.
public struct CaptureBotBrain: GameBotBrain {
    /// Opponents closer than this are shot at, in subunits (25 m).
    public static let range = 25.0 * 256
    private static let phrases = ["go go go", "cover me", "flag!", "nice one", "defend the base"]
    private var random: ClientRandom

    /// A brain whose choices follow `seed`.
    public init(seed: UInt64) {
        random = ClientRandom(seed: seed)
    }

    public mutating func nextAction(replica: Replica, atTick tick: Double) -> BotAction? {
        guard let session = replica.session, let me = replica.entity(replica.avatarId),
              let team = Team(kind: me.kind), let origin = replica.position(of: me.id, atTick: tick) else { return nil }
        var target = CaptureRules.base(of: team.opponent, width: session.worldWidth, height: session.worldHeight)
        let home = CaptureRules.base(of: team, width: session.worldWidth, height: session.worldHeight)
        var enemy: (dx: Double, dy: Double, distance: Double)?
        for entity in replica.entities.values.sorted(by: { $0.id < $1.id }) {
            let carrier = replica.property(CaptureSchema.carrier.index, of: entity.id)
            if entity.kind == team.opponent.flagKind {
                if carrier == .int(Int64(me.id)) { target = home } else if carrier == .int(0) { target = (entity.x, entity.y) }
            } else if entity.kind == team.flagKind, carrier == .int(0), entity.x != home.x || entity.y != home.y {
                target = (entity.x, entity.y)
            } else if entity.kind == team.opponent.runnerKind, let position = replica.position(of: entity.id, atTick: tick) {
                let dx = position.x - origin.x, dy = position.y - origin.y
                let distance = (dx * dx + dy * dy).squareRoot()
                if distance < Self.range, enemy.map({ distance < $0.distance }) ?? true { enemy = (dx, dy, distance) }
            }
        }
        let ammo = replica.playerState.dropFirst(Int(CaptureSchema.ammo.index)).first ?? .int(0)
        var input = BotInput(heading: Steering.heading(dx: Double(target.x) - origin.x, dy: Double(target.y) - origin.y),
                             throttle: 255, fire: false)
        if let enemy, ammo != .int(0) {
            input.heading = Steering.heading(dx: enemy.dx, dy: enemy.dy)
            input.fire = true
        }
        var commands: [BotCommand] = []
        if random.next() % 100 == 0 {
            let phrase = Self.phrases[Int(random.next() % UInt64(Self.phrases.count))]
            commands.append(BotCommand(code: CaptureSchema.chatCommand.code, text: phrase))
        }
        return BotAction(input: input, commands: commands)
    }
}
