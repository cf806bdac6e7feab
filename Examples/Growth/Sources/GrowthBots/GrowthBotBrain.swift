import Growth
import OrreryBots
import OrreryClient
import OrreryWire

/// The game's own bot: flees the nearest cell big enough to eat it, else heads for the nearest pellet or cell
/// small enough to eat, else wanders. Sizes come from the cells' `radius` property in its replica.
public struct GrowthBotBrain: GameBotBrain {
    private var random: ClientRandom
    private var heading: UInt16

    /// A brain whose choices follow `seed`.
    public init(seed: UInt64) {
        random = ClientRandom(seed: seed)
        heading = UInt16(truncatingIfNeeded: random.next())
    }

    public mutating func nextAction(replica: Replica, atTick tick: Double) -> BotAction? {
        guard let me = replica.entity(replica.avatarId), let origin = replica.position(of: me.id, atTick: tick)
        else { return nil }
        let mine = radius(of: me, in: replica)
        var prey: (dx: Double, dy: Double, distance: Double)?
        var threat: (dx: Double, dy: Double, distance: Double)?
        for entity in replica.entities.values.sorted(by: { $0.id < $1.id }) where entity.id != me.id {
            guard let position = replica.position(of: entity.id, atTick: tick) else { continue }
            let dx = position.x - origin.x, dy = position.y - origin.y
            let distance = (dx * dx + dy * dy).squareRoot()
            let theirs = radius(of: entity, in: replica)
            if entity.kind == GrowthSchema.Kind.cell, theirs * 9 >= mine * 10, distance < 4 * theirs {
                if threat.map({ distance < $0.distance }) ?? true { threat = (dx, dy, distance) }
            } else if entity.kind == GrowthSchema.Kind.pellet || theirs * 10 <= mine * 9 {
                if prey.map({ distance < $0.distance }) ?? true { prey = (dx, dy, distance) }
            }
        }
        if let threat {
            heading = Steering.heading(dx: -threat.dx, dy: -threat.dy)
        } else if let prey {
            heading = Steering.heading(dx: prey.dx, dy: prey.dy)
        } else if random.next() % 4 == 0 {
            heading &+= UInt16(truncatingIfNeeded: Int(random.next() % 16385) - 8192)
        }
        return BotAction(input: BotInput(heading: heading, throttle: 255, fire: false))
    }

    private func radius(of entity: EntityRecord, in replica: Replica) -> Double {
        guard case .int(let radius)? = replica.property(GrowthSchema.radius.index, of: entity.id), radius > 0 else {
            return Double(entity.radius)
        }
        return Double(radius)
    }
}
