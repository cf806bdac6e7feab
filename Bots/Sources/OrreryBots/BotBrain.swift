import OrreryClient
import OrreryWire

/// A bot's decisions, without I/O or clock: given the replica and the tick to look at, what to send. Seeded,
/// so the same seed and the same replicas give the same inputs.
public struct BotBrain: Sendable {
    /// How often a bot decides (and, unless idle, sends an input).
    public static let decisionInterval = Duration.nanoseconds(decisionIntervalNanoseconds)
    /// `decisionInterval` in nanoseconds.
    public static let decisionIntervalNanoseconds: Int64 = 200_000_000
    /// Within this heading separation a chasing bot fires (1/32 turn, about 11°).
    public static let aimTolerance: UInt16 = 2048
    /// A chasing bot slows down within this distance of its target, in subunits (30 m).
    public static let closeRange = 30.0 * 256

    public let behavior: BotBehavior
    private var random: ClientRandom
    private var heading: UInt16
    private var throttle: UInt8 = 255

    /// A brain for `behavior` whose random choices follow `seed`.
    public init(behavior: BotBehavior, seed: UInt64) {
        self.behavior = behavior
        random = ClientRandom(seed: seed)
        heading = UInt16(truncatingIfNeeded: random.next())
    }

    /// The input to send now, looking at `replica` dead-reckoned to `tick`; nil to send nothing (idle).
    public mutating func decide(replica: Replica, atTick tick: Double) -> BotInput? {
        switch behavior {
        case .idle: nil
        case .wander, .churn: wander()
        case .chase: chase(replica, atTick: tick) ?? wander()
        }
    }

    /// The next cycle of a churning bot: play 1-4 s, leave (half of the time abruptly), stay away 0.2-1.5 s,
    /// then resume (7 times in 10) or join anew.
    public mutating func nextChurnStep() -> ChurnStep {
        ChurnStep(playMilliseconds: 1000 + Int(random.next() % 3001), abrupt: random.unit() < 0.5,
                  resume: random.unit() < 0.7, awayMilliseconds: 200 + Int(random.next() % 1301))
    }

    /// Random heading changes of up to 1/8 turn, a throttle that sometimes changes, fire 15 % of the time.
    private mutating func wander() -> BotInput {
        if random.unit() < 0.3 {
            heading &+= UInt16(truncatingIfNeeded: Int(random.next() % 16385) - 8192)
        }
        if random.unit() < 0.1 {
            throttle = UInt8(truncatingIfNeeded: 64 + random.next() % 192)
        }
        return BotInput(heading: heading, throttle: throttle, fire: random.unit() < 0.15)
    }

    /// Toward the nearest ship in view (not our own; in a game with a schema, the nearest entity of a kind players
    /// steer), firing when our ship faces it; nil without avatar or target.
    private mutating func chase(_ replica: Replica, atTick tick: Double) -> BotInput? {
        guard replica.avatarId != 0, let me = replica.entity(replica.avatarId),
              let origin = replica.position(of: me.id, atTick: tick) else { return nil }
        var best: (dx: Double, dy: Double, distance: Double)?
        let targets = { (kind: UInt8) in replica.schema == nil ? kind == 1 || kind == 2 : replica.isPlayerKind(kind) }
        for entity in replica.entities.values where entity.id != me.id && targets(entity.kind) {
            guard let position = replica.position(of: entity.id, atTick: tick) else { continue }
            let dx = position.x - origin.x, dy = position.y - origin.y
            let distance = dx * dx + dy * dy
            if best.map({ distance < $0.distance }) ?? true { best = (dx, dy, distance) }
        }
        guard let best else { return nil }
        let desired = Steering.heading(dx: best.dx, dy: best.dy)
        heading = desired
        let aligned = Steering.separation(me.heading, desired) <= Self.aimTolerance
        let throttle: UInt8 = best.distance > Self.closeRange * Self.closeRange ? 255 : 64
        return BotInput(heading: desired, throttle: throttle, fire: aligned)
    }
}
