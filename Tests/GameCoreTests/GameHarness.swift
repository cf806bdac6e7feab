import OrreryArena
import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld

/// One connected session as the tests see it: the server side's framer and the client side's replica, joined
/// only by encoded bytes.
struct TestSession {
    var framer: SessionFramer
    var replica = Replica()
    /// Every frame and reset sent, in order, as encoded bytes.
    var stream: [[UInt8]] = []
    /// Ticks on which a frame was sent.
    var frameTicks: [UInt64] = []
    /// How the sent frames were motivated, for coverage checks.
    var keepAliveFrames = 0
    var acknowledgementFrames = 0
    /// Ticks on which no frame was sent.
    var idleTicks = 0
    /// Game messages received (version 2).
    var messagesReceived = 0

    /// What this session's messages decode with (the replica's schema once it arrived).
    var dialect: WireDialect { framer.dialect }
}

/// A universe with sessions driven through the real codec: inputs are encoded, decoded and mapped; every frame
/// is encoded by `SessionFramer`, decoded by `WireDecoder` and applied to that session's `Replica`. Checks record
/// failures as text instead of stopping, so one test reports the first few problems of a long run.
struct GameHarness {
    var universe: Universe
    var sessions: [UInt32: TestSession] = [:]
    var failures: [String] = []
    /// Decoded events by kind: avatar, destroyed, disappeared, appeared, changed, properties, player state,
    /// universe state, message.
    var eventCounts = [0, 0, 0, 0, 0, 0, 0, 0, 0]
    /// Resets sent.
    var resets = 0
    /// Entity comparisons made against the truth.
    var comparisons = 0
    /// Property, private and universe value comparisons made against the truth (version 2).
    var stateComparisons = 0
    private var inputs: SeededGenerator
    private var inputSeqs: [UInt32: UInt32] = [:]
    private var buffer: [UInt8] = []
    let keepAliveTicks: UInt32
    let token = ResumeToken(low: 0x0123_4567_89AB_CDEF, high: 0xFEDC_BA98_7654_3210)
    /// The protocol version of sessions started from now on.
    var version: UInt8
    /// Version 2 sessions' dialect: the game's schema as sent on the wire.
    let schemaDialect: WireDialect

    init(universe: Universe, inputSeed: UInt64, keepAliveTicks: UInt32 = SessionFramer.defaultKeepAliveTicks,
         version: UInt8 = WireProtocol.version) {
        self.universe = universe
        inputs = SeededGenerator(seed: inputSeed)
        self.keepAliveTicks = keepAliveTicks
        self.version = version
        schemaDialect = WireDialect(schema: WorldToWire.schema(universe.schema))
    }

    /// An arena universe of `side` metres square with `players` players, the arena's default view shrunk to
    /// 80 m (+8 m hysteresis) so views change often.
    static func arena(seed: UInt64, players: Int, asteroids: Int = 160, npcs: Int = 40, side: Int32 = 600,
                      inputSeed: UInt64, version: UInt8 = WireProtocol.version) throws -> GameHarness {
        let config = UniverseConfig(width: side * 256, height: side * 256, viewRadius: 80 * 256,
                                    hysteresis: 8 * 256, seed: seed)
        let universe = try Universe(config: config,
                                    rules: ArenaRules(config: ArenaConfig(asteroidCount: asteroids, npcCount: npcs)))
        var harness = GameHarness(universe: universe, inputSeed: inputSeed, version: version)
        for _ in 0..<players { harness.join() }
        return harness
    }

    // MARK: Sessions

    /// Joins a player: welcome encoded, decoded and begun on a new replica.
    @discardableResult
    mutating func join(identity: PlayerIdentity = PlayerIdentity()) -> UInt32 {
        let player = universe.join(identity: identity)
        start(player, avatar: universe.avatar(of: player) ?? 0, playerID: player)
        return player
    }

    /// Adds a spectator from a join's region (nil = whole world).
    @discardableResult
    mutating func addSpectator(region: Region?) -> UInt32 {
        let spectator = universe.addSpectator(WireToWorld.spectatorView(region))
        start(spectator, avatar: 0, playerID: 0)
        return spectator
    }

    /// Removes a player and its session.
    mutating func leave(_ player: UInt32) {
        universe.leave(player)
        sessions[player] = nil
    }

    private mutating func start(_ observer: UInt32, avatar: UInt32, playerID: UInt32) {
        let dialect = version >= 2 ? schemaDialect : .v1
        var session = TestSession(framer: SessionFramer(tick: universe.tick, keepAliveTicks: keepAliveTicks,
                                                        dialect: dialect))
        let welcome = session.framer.welcome(playerID: playerID, avatarID: avatar, tick: universe.tick,
                                             config: universe.config, resumeToken: token)
        if welcome.firstSeq != 1 { fail("welcome of \(observer) has firstSeq \(welcome.firstSeq)") }
        buffer.removeAll(keepingCapacity: true)
        do {
            try WireEncoder.encode(.welcome(welcome), dialect: dialect, into: &buffer)
            guard case .welcome(let decoded) = try WireDecoder.decodeServerMessage(buffer, dialect: .v2),
                  decoded == welcome, decoded.version == version else {
                return fail("welcome of \(observer) did not survive the codec")
            }
            session.replica.begin(decoded)
            if let schema = dialect.schema {
                buffer.removeAll(keepingCapacity: true)
                try WireEncoder.encode(.schema(schema), dialect: dialect, into: &buffer)
                guard case .schema(let decoded) = try WireDecoder.decodeServerMessage(buffer, dialect: .v2) else {
                    return fail("schema for \(observer) did not survive the codec")
                }
                session.replica.apply(decoded)
            }
        } catch {
            return fail("welcome of \(observer): \(error)")
        }
        sessions[observer] = session
    }

    // MARK: Inputs

    /// Sends a random input for about one player in `oneIn`, through the codec, with now and then a stale one.
    mutating func driveInputs(oneIn: UInt64 = 4) {
        for player in universe.playerIDs where inputs.next(below: oneIn) == 0 {
            let stale = inputs.next(below: 50) == 0 && inputSeqs[player] != nil
            let seq = stale ? inputSeqs[player]! : (inputSeqs[player] ?? 0) + 1
            inputSeqs[player] = seq
            let dialect = sessions[player]?.dialect ?? .v1
            let payloadLength = UInt64(dialect.schema?.inputPayloadMaxBytes ?? 0)
            let payload = (0..<inputs.next(below: payloadLength + 1)).map { _ in UInt8(truncatingIfNeeded: inputs.next()) }
            let input = OrreryWire.PlayerInput(seq: seq, heading: UInt16(truncatingIfNeeded: inputs.next()),
                                               throttle: UInt8(truncatingIfNeeded: inputs.next()),
                                               actions: inputs.next(below: 3) == 0 ? 1 : 0, payload: payload)
            buffer.removeAll(keepingCapacity: true)
            do {
                try WireEncoder.encode(.input(input), dialect: dialect, into: &buffer)
                guard case .input(let decoded) = try WireDecoder.decodeClientMessage(buffer, dialect: dialect),
                      decoded == input else {
                    return fail("input did not survive the codec")
                }
                if universe.submitInput(WireToWorld.input(decoded), from: player) == stale {
                    fail("input seq \(seq) of \(player): stale \(stale) but accepted \(!stale)")
                }
            } catch {
                fail("input: \(error)")
            }
        }
    }

    /// Sends a command of a version-2 player through the codec and hands it to the universe.
    mutating func command(_ code: UInt8, payload: [UInt8], from player: UInt32) {
        guard let dialect = sessions[player]?.dialect, dialect.isV2 else { return fail("no v2 session \(player)") }
        let command = WireCommand(code: code, payload: payload)
        buffer.removeAll(keepingCapacity: true)
        do {
            try WireEncoder.encode(.command(command), dialect: dialect, into: &buffer)
            guard case .command(let decoded) = try WireDecoder.decodeClientMessage(buffer, dialect: .v2),
                  decoded == command else { return fail("command did not survive the codec") }
            if !universe.submitCommand(GameCommand(kind: CommandKind(code: decoded.code), payload: decoded.payload),
                                       from: player) {
                fail("command \(code) of \(player) refused")
            }
        } catch {
            fail("command: \(error)")
        }
    }

    // MARK: Ticks

    /// Steps the universe, then sends every session its frame if due (or a reset if `reset` says so), decodes it,
    /// checks it against the truth and the interest boundary, and applies it.
    mutating func step(reset: (UInt32) -> Bool = { _ in false }) {
        universe.step()
        let world = universe
        let tick = world.tick
        world.forEachObserverUpdate { update in
            guard var session = sessions[update.observerID] else {
                return fail("update for unknown observer \(update.observerID)")
            }
            defer { sessions[update.observerID] = session }
            buffer.removeAll(keepingCapacity: true)
            if reset(update.observerID) {
                sendReset(update.observerID, &session)
                return
            }
            let lastTick = session.framer.lastSentTick
            let startsView = session.framer.startsView
            let ackAdvanced = update.lastAppliedInputSeq != session.framer.lastSentInputSeq
            let expected = session.framer.nextSeq
            let sent: Bool
            do {
                sent = try session.framer.appendFrame(for: update, in: world, tick: tick, into: &buffer)
            } catch {
                return fail("frame of \(update.observerID) at \(tick): \(error)")
            }
            let carried = session.dialect.isV2 ? update.events.count
                : update.events.filter(Self.isPositional).count
            let due = startsView || carried > 0 || ackAdvanced || tick - lastTick >= UInt64(keepAliveTicks)
            if sent != due { fail("observer \(update.observerID) tick \(tick): sent \(sent), due \(due)") }
            let expectedMessages = session.dialect.isV2 ? messages(for: update.observerID, replica: session.replica) : []
            guard sent else {
                session.idleTicks += 1
                if !buffer.isEmpty { fail("bytes written without a frame") }
                if !expectedMessages.isEmpty { fail("observer \(update.observerID) tick \(tick): messages unsent") }
                return
            }
            if carried == 0 && !startsView {
                if ackAdvanced { session.acknowledgementFrames += 1 } else { session.keepAliveFrames += 1 }
            }
            receiveFrame(update.observerID, expectedSeq: expected, &session)
            if session.replica.messages != expectedMessages {
                fail("observer \(update.observerID) tick \(tick): messages \(session.replica.messages),"
                     + " expected \(expectedMessages)")
            }
            session.messagesReceived += session.replica.messages.count
        }
    }

    /// Sends a reset to a session now (between ticks), replacing its replica with a fresh one.
    mutating func sendReset(to observer: UInt32) {
        guard var session = sessions[observer] else { return fail("no session \(observer)") }
        buffer.removeAll(keepingCapacity: true)
        sendReset(observer, &session)
        sessions[observer] = session
    }

    private mutating func sendReset(_ observer: UInt32, _ session: inout TestSession) {
        guard let snapshot = universe.snapshot(for: observer) else { return fail("no snapshot for \(observer)") }
        let seq = session.framer.nextSeq
        do {
            try session.framer.appendReset(snapshot, into: &buffer)
            guard case .reset(let reset) = try WireDecoder.decodeServerMessage(buffer, dialect: session.dialect) else {
                return fail("reset of \(observer) decoded as something else")
            }
            if reset.seq != seq || reset.tick != universe.tick { fail("reset seq \(reset.seq) tick \(reset.tick)") }
            var fresh = Replica()
            fresh.begin(session.framer.welcome(playerID: observer, avatarID: 0, tick: 0, config: universe.config,
                                               resumeToken: token)
                        .withFirstSeq(seq))
            if let schema = session.replica.schema { fresh.apply(schema) }
            try fresh.apply(reset)
            session.replica = fresh
            session.stream.append(buffer)
            session.frameTicks.append(reset.tick)
            resets += 1
        } catch {
            fail("reset of \(observer): \(error)")
        }
    }

    private mutating func receiveFrame(_ observer: UInt32, expectedSeq: UInt64, _ session: inout TestSession) {
        session.stream.append(buffer)
        session.frameTicks.append(universe.tick)
        do {
            guard case .eventFrame(let frame) = try WireDecoder.decodeServerMessage(buffer,
                                                                                  dialect: session.dialect) else {
                return fail("frame of \(observer) decoded as something else")
            }
            if frame.seq != expectedSeq || frame.seq != session.replica.lastSeq + 1 {
                fail("observer \(observer): seq \(frame.seq) after \(session.replica.lastSeq)")
            }
            if frame.tick != universe.tick { fail("observer \(observer): frame tick \(frame.tick)") }
            checkInterest(frame, observer: observer, replica: session.replica)
            for event in frame.events { eventCounts[EventGroup.of(event)] += 1 }
            try session.replica.apply(frame)
        } catch {
            fail("frame of \(observer) at \(universe.tick): \(error)")
        }
    }

    /// Whether a view event exists in version 1.
    static func isPositional(_ event: ViewEvent) -> Bool {
        switch event {
        case .avatar, .destroyed, .disappeared, .appeared, .changed: true
        case .properties, .playerState, .universeState, .message: false
        }
    }

    /// The messages of the last tick an observer must get, worked out from the audiences: its own, the
    /// universe's, and those about an entity it sees after the tick or saw (in `replica`, before the frame)
    /// when it was destroyed in the tick.
    func messages(for observer: UInt32, replica: Replica) -> [WireGameMessage] {
        let isSpectator = universe.isSpectator(observer) ?? true
        let visible = Set(universe.visibleEntityIDs(of: observer) ?? [])
        let died = Set(universe.destroyedLastTick.map(\.state.id))
        return universe.messages.compactMap { message in
            let scope: WireMessageScope
            switch message.audience {
            case .player(let player):
                guard !isSpectator, player == observer else { return nil }
                scope = .player
            case .observers(let entity):
                guard visible.contains(entity) || (died.contains(entity) && replica.entity(entity) != nil) else {
                    return nil
                }
                scope = .entity(entity)
            case .universe:
                scope = .universe
            }
            return WireGameMessage(scope: scope, code: message.kind.code, payload: message.payload)
        }
    }

    mutating func fail(_ text: String) {
        if failures.count < 20 { failures.append(text) }
    }
}

extension Welcome {
    /// The same welcome announcing another first seq.
    func withFirstSeq(_ seq: UInt64) -> Welcome {
        var copy = self
        copy.firstSeq = seq
        return copy
    }
}
