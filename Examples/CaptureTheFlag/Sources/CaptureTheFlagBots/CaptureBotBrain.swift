import CaptureTheFlag
import OrreryBots
import OrreryClient
import OrreryWire

/// The game's own bot. An attacker runs for the other team's flag and carries it home, shooting only an
/// opponent that carries its own flag; a defender guards its base 15 m out and shoots the nearest opponent
/// within 25 m. Both send their own dropped flag home, shoot only while they have ammo (their private state),
/// and now and then say something in the chat. Everything it knows comes from its replica: kinds, the flags'
/// `carrier` property, its `ammo`.
public struct CaptureBotBrain: GameBotBrain {
    /// What a bot does.
    public enum Role: Sendable, Hashable {
        case attacker, defender
    }

    /// Opponents closer than this are shot at, in subunits (25 m).
    public static let range = 25.0 * 256
    private static let phrases = ["go go go", "cover me", "flag!", "nice one", "defend the base"]
    public let role: Role
    private var random: ClientRandom

    /// A brain whose choices follow `seed`; one bot in three defends unless `role` says otherwise.
    public init(seed: UInt64, role: Role? = nil) {
        var random = ClientRandom(seed: seed)
        self.role = role ?? (random.next() % 3 == 0 ? .defender : .attacker)
        self.random = random
    }

    public mutating func nextAction(replica: Replica, atTick tick: Double) -> BotAction? {
        guard let session = replica.session, let me = replica.entity(replica.avatarId),
              let team = Team(kind: me.kind), let origin = replica.position(of: me.id, atTick: tick) else { return nil }
        let home = CaptureRules.base(of: team, width: session.worldWidth, height: session.worldHeight)
        let away = CaptureRules.base(of: team.opponent, width: session.worldWidth, height: session.worldHeight)
        let guardPost = (x: home.x + (away.x > home.x ? 15 * 256 : -15 * 256), y: home.y)
        var target = role == .attacker ? away : guardPost
        var enemy: (dx: Double, dy: Double, distance: Double)?
        let ownFlagCarrier = replica.entities.values.first { $0.kind == team.flagKind }
            .flatMap { replica.property(CaptureSchema.carrier.index, of: $0.id) }
        for entity in replica.entities.values.sorted(by: { $0.id < $1.id }) {
            let carrier = replica.property(CaptureSchema.carrier.index, of: entity.id)
            if entity.kind == team.opponent.flagKind, role == .attacker {
                if carrier == .int(Int64(me.id)) { target = home } else if carrier == .int(0) { target = (entity.x, entity.y) }
            } else if entity.kind == team.flagKind, carrier == .int(0), entity.x != home.x || entity.y != home.y {
                target = (entity.x, entity.y)
            } else if entity.kind == team.opponent.runnerKind,
                      role == .defender || ownFlagCarrier == .int(Int64(entity.id)),
                      let position = replica.position(of: entity.id, atTick: tick) {
                let dx = position.x - origin.x, dy = position.y - origin.y
                let distance = (dx * dx + dy * dy).squareRoot()
                if distance < Self.range, enemy.map({ distance < $0.distance }) ?? true { enemy = (dx, dy, distance) }
            }
        }
        let ammo = replica.playerState.dropFirst(Int(CaptureSchema.ammo.index)).first ?? .int(0)
        let dx = Double(target.x) - origin.x, dy = Double(target.y) - origin.y
        var input = BotInput(heading: Steering.heading(dx: dx, dy: dy), throttle: dx * dx + dy * dy < 65536 ? 0 : 255,
                             fire: false)
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
