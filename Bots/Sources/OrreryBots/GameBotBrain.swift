import OrreryClient

/// A game's own bot player, shipped with the game and handed to `SwarmConfiguration.brain`: the swarm connects,
/// keeps the exact replica (entities, properties, private and universe state, the last frame's messages) and
/// checks the protocol; the brain only decides. No I/O, no clock: given the replica and the tick to look at,
/// what to send. A brain seeded per bot (the factory gets a seed) plays the same way each run.
public protocol GameBotBrain: Sendable {
    /// What to send now, looking at `replica` dead-reckoned to `tick`; nil to send nothing this time.
    /// Called every `BotBrain.decisionInterval` while the bot is live.
    mutating func nextAction(replica: Replica, atTick tick: Double) -> BotAction?
}

/// What a bot sends at one decision: an input, game commands, or both.
public struct BotAction: Hashable, Sendable {
    /// The input to send, nil for none.
    public var input: BotInput?
    /// Commands to send, in order (each is rate-limited by the server like an input).
    public var commands: [BotCommand]

    /// An action; both parts default to nothing.
    public init(input: BotInput? = nil, commands: [BotCommand] = []) {
        self.input = input
        self.commands = commands
    }
}

/// A game command a bot sends: the code indexes the schema's commands.
public struct BotCommand: Hashable, Sendable {
    public var code: UInt8
    public var payload: [UInt8]

    /// A command with a payload (at most the schema's `commandMaxBytes`).
    public init(code: UInt8, payload: [UInt8] = []) {
        self.code = code
        self.payload = payload
    }

    /// A command whose payload is `text` in UTF-8 (for `text` commands such as chat).
    public init(code: UInt8, text: String) {
        self.init(code: code, payload: Array(text.utf8))
    }
}

extension BotBrain: GameBotBrain {
    /// The built-in behaviour's input (`decide(replica:atTick:)`) as an action.
    public mutating func nextAction(replica: Replica, atTick tick: Double) -> BotAction? {
        decide(replica: replica, atTick: tick).map { BotAction(input: $0) }
    }
}
