import OrreryBots
import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld

/// A universe whose observers are connected only through the real codec, every replica audited against the
/// truth at every tick: what a game's tests use to prove that its state reaches every client exactly, and never
/// outside its scope.
///
/// Each observer has the server's `SessionFramer` and a client `Replica`, joined by encoded bytes: welcome and
/// schema at join, then each tick's frame (when due) encoded by the framer, decoded with the session's dialect
/// and applied. Players are played by a `GameBotBrain` (the game's own, or none for an idle player) whose
/// inputs and commands are encoded, decoded and submitted. After every tick `step()` checks, for every observer:
/// - the replica holds exactly the entities the observer sees, each equal to the truth field by field (positions
///   by the motion rule, also on ticks without a frame) with every entity property equal;
/// - a player's private state equals its own truth; a spectator never gets any;
/// - the universe state equals the truth;
/// - the messages of the tick are exactly those the observer must get (to it, about an entity it sees or saw
///   destroyed, to everyone), in the order sent;
/// - no event names an entity outside the view: properties only for entities in view after the tick.
/// Failures are kept as text (`failures`), the first 20, so one test reports the first problems of a long run.
public struct AuditedUniverse {
    /// One observer's connection as the audit sees it.
    public struct Observer {
        /// The client side.
        public internal(set) var replica = Replica()
        /// Every server message sent to it, encoded, in order (welcome, schema, frames, resets).
        public internal(set) var stream: [[UInt8]] = []
        /// Every game message it received: the tick of its frame and the message.
        public internal(set) var messages: [(tick: UInt64, message: WireGameMessage)] = []
        var framer: SessionFramer
        var brain: (any GameBotBrain)?
        var inputSeq: UInt32 = 0
    }

    /// What went through the codec and was compared, for a test to check its run covered what it means to.
    public struct Coverage: Sendable, Hashable {
        /// Events decoded by kind.
        public var properties = 0, playerStates = 0, universeStates = 0, messages = 0
        /// Entity comparisons with the truth (including every property).
        public var comparisons = 0
        /// Inputs and commands sent by brains through the codec.
        public var inputs = 0, commands = 0
    }

    /// The simulation (step it with `step()`).
    public private(set) var universe: Universe
    /// The observers, by observer id.
    public private(set) var observers: [UInt32: Observer] = [:]
    /// The first 20 failed checks, as text.
    public internal(set) var failures: [String] = []
    /// What was decoded and compared so far.
    public internal(set) var coverage = Coverage()
    /// Brains decide every this many ticks (default 4: 200 ms at 20 Hz, like `orrery bots`).
    public var decisionTicks: UInt64 = 4
    private let schema: SchemaMessage
    private let dialect: WireDialect
    private var buffer: [UInt8] = []
    private let token = ResumeToken(low: 0x0123_4567_89AB_CDEF, high: 0xFEDC_BA98_7654_3210)

    /// Audits `universe` (at any tick, usually 0).
    public init(universe: Universe) {
        self.universe = universe
        schema = WorldToWire.schema(universe.schema)
        dialect = WireDialect(schema: schema)
    }

    // MARK: Observers

    /// Joins a player with an identity, played by `brain` (nil: it sends nothing).
    @discardableResult
    public mutating func join(_ identity: PlayerIdentity = PlayerIdentity(), brain: (any GameBotBrain)? = nil)
        -> UInt32 {
        let player = universe.join(identity: identity)
        connect(player, avatar: universe.avatar(of: player) ?? 0, playerID: player,
                account: identity.account ?? 0, brain: brain)
        return player
    }

    /// Adds a spectator watching `view`.
    @discardableResult
    public mutating func addSpectator(_ view: SpectatorView = .wholeWorld) -> UInt32 {
        let spectator = universe.addSpectator(view)
        connect(spectator, avatar: 0, playerID: 0, account: 0, brain: nil)
        return spectator
    }

    /// A player leaves (its connection is gone).
    public mutating func leave(_ player: UInt32) {
        universe.leave(player)
        observers[player] = nil
    }

    private mutating func connect(_ observer: UInt32, avatar: UInt32, playerID: UInt32, account: UInt32,
                                  brain: (any GameBotBrain)?) {
        var connection = Observer(framer: SessionFramer(tick: universe.tick, dialect: dialect), brain: brain)
        let welcome = connection.framer.welcome(playerID: playerID, avatarID: avatar, tick: universe.tick,
                                                config: universe.config, resumeToken: token, account: account)
        guard let decodedWelcome = roundTrip(.welcome(welcome), observer, into: &connection),
              case .welcome(let received) = decodedWelcome,
              let decodedSchema = roundTrip(.schema(schema), observer, into: &connection),
              case .schema(let receivedSchema) = decodedSchema else {
            return fail("observer \(observer): welcome and schema did not survive the codec")
        }
        connection.replica.begin(received)
        connection.replica.apply(receivedSchema)
        observers[observer] = connection
    }

    /// Encodes a server message, decodes it as the client would, and records the bytes.
    private mutating func roundTrip(_ message: ServerMessage, _ observer: UInt32,
                                    into connection: inout Observer) -> ServerMessage? {
        buffer.removeAll(keepingCapacity: true)
        do {
            try WireEncoder.encode(message, dialect: connection.framer.dialect, into: &buffer)
            connection.stream.append(buffer)
            // A version-2 client decodes the welcome and the schema before it knows the schema.
            return try WireDecoder.decodeServerMessage(buffer, dialect: .v2)
        } catch {
            fail("observer \(observer): \(error)")
            return nil
        }
    }

    // MARK: Ticks

    /// Lets the brains decide (every `decisionTicks`), steps the universe, sends every observer its frame through
    /// the codec, and audits every replica.
    public mutating func step() {
        if universe.tick % decisionTicks == 0 { decide() }
        let before = observers.mapValues { Set($0.replica.entities.keys) }
        universe.step()
        let tick = universe.tick
        let world = universe
        var updated = Set<UInt32>()
        world.forEachObserverUpdate { update in
            guard var connection = observers[update.observerID] else {
                return fail("update for unknown observer \(update.observerID)")
            }
            updated.insert(update.observerID)
            buffer.removeAll(keepingCapacity: true)
            let sent: Bool
            do {
                sent = try connection.framer.appendFrame(for: update, in: world, tick: tick, into: &buffer)
            } catch {
                return fail("frame of \(update.observerID) at \(tick): \(error)")
            }
            var received: [WireGameMessage] = []
            if sent { received = receive(update.observerID, &connection) }
            observers[update.observerID] = connection
            let expected = expectedMessages(for: update.observerID, sawBefore: before[update.observerID] ?? [])
            if received != expected {
                fail("tick \(tick) observer \(update.observerID): messages \(received), expected \(expected)")
            }
        }
        for observer in observers.keys.sorted() {
            if !updated.contains(observer) { fail("tick \(tick): no update for observer \(observer)") }
            audit(observer)
        }
    }

    private mutating func receive(_ observer: UInt32, _ connection: inout Observer) -> [WireGameMessage] {
        connection.stream.append(buffer)
        do {
            guard case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(buffer,
                                                                                     dialect: connection.replica.dialect)
            else {
                fail("frame of \(observer) decoded as something else")
                return []
            }
            checkScope(frame, observer: observer, replica: connection.replica)
            try connection.replica.apply(frame)
            for message in connection.replica.messages { connection.messages.append((frame.tick, message)) }
            return connection.replica.messages
        } catch {
            fail("frame of \(observer) at \(universe.tick): \(error)")
            return []
        }
    }

    /// Every brain decides on its own replica; inputs and commands go through the codec to the universe.
    private mutating func decide() {
        for player in universe.playerIDs {
            guard var connection = observers[player], var brain = connection.brain else { continue }
            let action = brain.nextAction(replica: connection.replica, atTick: Double(universe.tick))
            connection.brain = brain
            if let input = action?.input {
                connection.inputSeq += 1
                let wire = OrreryWire.PlayerInput(seq: connection.inputSeq, heading: input.heading,
                                                  throttle: input.throttle, actions: input.actions,
                                                  payload: input.payload)
                if case .input(let decoded)? = submitThroughCodec(.input(wire), player) {
                    coverage.inputs += 1
                    if !universe.submitInput(WireToWorld.input(decoded), from: player) {
                        fail("input \(decoded.seq) of \(player) refused")
                    }
                }
            }
            for command in action?.commands ?? [] {
                let wire = WireCommand(code: command.code, payload: command.payload)
                if case .command(let decoded)? = submitThroughCodec(.command(wire), player) {
                    coverage.commands += 1
                    let game = GameCommand(kind: CommandKind(code: decoded.code), payload: decoded.payload)
                    if !universe.submitCommand(game, from: player) { fail("command \(decoded.code) of \(player) refused") }
                }
            }
            observers[player] = connection
        }
    }

    private mutating func submitThroughCodec(_ message: ClientMessage, _ player: UInt32) -> ClientMessage? {
        buffer.removeAll(keepingCapacity: true)
        do {
            try WireEncoder.encode(message, dialect: dialect, into: &buffer)
            let decoded = try WireDecoder.decodeClientMessage(buffer, dialect: dialect)
            if decoded != message { fail("player \(player): \(message) decoded as \(decoded)") }
            return decoded
        } catch {
            fail("player \(player): \(message): \(error)")
            return nil
        }
    }

    mutating func fail(_ text: String) {
        if failures.count < 20 { failures.append(text) }
    }
}
