import OrreryBots
import OrreryWorld

/// A universe driven directly by a rules test, without a codec: players joined by name, steered toward points,
/// commands submitted, and every game message of every tick kept as text with its tick and audience.
///
/// ```swift
/// var game = try UniverseDriver(config: UniverseConfig(width: 100 * 256, height: 100 * 256), rules: MyRules())
/// let ann = game.join("ann")
/// let arrived = game.run(drive: { $0.steer(ann, toward: (50 * 256, 50 * 256)) }, until: { ... })
/// ```
public struct UniverseDriver: Sendable {
    /// One game message as sent: the tick, the kind's name, who got it and the payload as text.
    public struct SentMessage: Sendable, Hashable {
        public var tick: UInt64
        public var kind: String
        public var audience: MessageAudience
        public var text: String
    }

    /// The universe (step it through `step()` so that messages are logged).
    public var universe: Universe
    /// Every message sent so far, in order.
    public private(set) var log: [SentMessage] = []
    private var seqs: [UInt32: UInt32] = [:]

    /// A universe with these rules.
    public init(config: UniverseConfig, rules: any GameRules) throws(UniverseConfigError) {
        universe = try Universe(config: config, rules: rules)
    }

    /// Joins a player with this display name.
    public mutating func join(_ name: String) -> UInt32 {
        universe.join(identity: PlayerIdentity(name: name))
    }

    /// The player's avatar, nil when it has none.
    public func avatar(_ player: UInt32) -> EntityState? {
        universe.avatar(of: player).flatMap { universe.entity($0) }
    }

    /// The live entities of one kind, ascending id.
    public func entities(ofKind kind: UInt8) -> [EntityState] {
        var found: [EntityState] = []
        universe.world.forEachEntity { if $0.kind == kind { found.append($0) } }
        return found
    }

    /// Sends an input heading for `target` at full throttle (stopped within a metre of it), optionally with
    /// the fire bit. Nothing for a player without avatar.
    public mutating func steer(_ player: UInt32, toward target: (x: Int32, y: Int32), fire: Bool = false) {
        guard let me = avatar(player) else { return }
        let dx = Double(target.x) - Double(me.x), dy = Double(target.y) - Double(me.y)
        let near = dx * dx + dy * dy < 256 * 256
        submit(player, heading: Steering.heading(dx: dx, dy: dy), throttle: near ? 0 : 255,
               actions: fire ? PlayerInput.fire : 0)
    }

    /// Sends an input with the player's next seq.
    public mutating func submit(_ player: UInt32, heading: UInt16, throttle: UInt8, actions: UInt8 = 0,
                                payload: [UInt8] = []) {
        let seq = (seqs[player] ?? 0) + 1
        seqs[player] = seq
        universe.submitInput(PlayerInput(seq: seq, heading: heading, throttle: throttle, actions: actions,
                                         payload: payload), from: player)
    }

    /// Steps one tick and logs its messages.
    public mutating func step() {
        universe.step()
        for message in universe.messages {
            log.append(SentMessage(tick: universe.tick, kind: universe.schema.messages[Int(message.kind.code)].name,
                                   audience: message.audience,
                                   text: String(decoding: message.payload, as: UTF8.self)))
        }
    }

    /// Calls `drive` then steps, until `done` holds after a tick: true then, false after `limit` ticks.
    public mutating func run(limit: Int = 1_000, drive: (inout UniverseDriver) -> Void = { _ in },
                             until done: (UniverseDriver) -> Bool) -> Bool {
        for _ in 0..<limit {
            drive(&self)
            step()
            if done(self) { return true }
        }
        return false
    }

    /// The texts of every message of one kind sent so far.
    public func texts(_ kind: String) -> [String] {
        log.filter { $0.kind == kind }.map(\.text)
    }
}
