import OrreryWire
import OrreryWorld

/// Composes one session's outbound messages from its observer's world output: the welcome, one event frame per
/// tick when one is due, and resets. It owns the session's frame numbering (Protocol/README.md, sections 5 and 6)
/// and speaks the session's protocol version: version 1 gets exactly the version-1 bytes (the game-state events
/// are skipped), version 2 also the properties, private and universe state, and game messages.
///
/// Rules:
/// - Every event frame or reset takes seq = previous + 1; the first one takes the welcome's `firstSeq`
///   (1 after a join).
/// - A frame for tick T is due when T is after the last frame's (or reset's, or welcome's) tick and the update has
///   events the version carries, or its last applied input seq differs from the one last sent, or
///   `keepAliveTicks` ticks have passed since the last frame, or it is the first frame after the welcome of a
///   join or after a reset (sent on the next tick even for an empty view).
/// - A frame that cannot be encoded (e.g. more than 65,535 events) leaves the buffer and the numbering untouched
///   and sets `needsReset`: no frame is due until `appendReset(_:into:)` replaces the client's view.
public struct SessionFramer: Sendable {
    /// The default keep-alive period: one second at 20 Hz.
    public static let defaultKeepAliveTicks: UInt32 = 20

    /// A frame is sent at least every this many ticks.
    public let keepAliveTicks: UInt32
    /// The session's protocol version and (version 2) the game's schema.
    public let dialect: WireDialect
    /// The seq the next event frame or reset takes.
    public private(set) var nextSeq: UInt64
    /// The tick of the last frame or reset sent (the welcome's tick before any).
    public private(set) var lastSentTick: UInt64
    /// The last applied input seq the client was told (0 = none).
    public private(set) var lastSentInputSeq: UInt32
    /// True after a frame failed to encode: only a reset can follow.
    public private(set) var needsReset = false
    /// True until the first frame after a join's welcome or a reset is sent.
    public private(set) var startsView: Bool
    /// Reused for every property list (nothing allocated per event once it has grown).
    private var pairs: [WireProperty] = []
    /// Whether the game declares entity properties (else an appeared record is looked up for none).
    private let hasEntityProperties: Bool

    /// A framer for a session whose welcome is sent at `tick` and announces `firstSeq` (1 for a new session,
    /// whose first frame is then due on the next tick). `dialect` is the session's version (default 1).
    public init(tick: UInt64, firstSeq: UInt64 = 1, keepAliveTicks: UInt32 = SessionFramer.defaultKeepAliveTicks,
                lastSentInputSeq: UInt32 = 0, dialect: WireDialect = .v1) {
        precondition(keepAliveTicks > 0, "keepAliveTicks must be at least 1")
        self.keepAliveTicks = keepAliveTicks
        self.dialect = dialect
        hasEntityProperties = !(dialect.schema?.entityProperties.isEmpty ?? true)
        nextSeq = firstSeq
        lastSentTick = tick
        self.lastSentInputSeq = lastSentInputSeq
        startsView = firstSeq == 1
    }

    /// The welcome for this session: `firstSeq` is the seq the next frame or reset takes.
    /// - Parameters:
    ///   - playerID: the player id, 0 for a spectator.
    ///   - avatarID: the player's avatar now (`Universe.avatar(of:)`), 0 for none or a spectator.
    ///   - tick: the universe's current tick.
    ///   - account: version 2: the ticket's player id (0 in open mode and for spectators).
    public func welcome(playerID: UInt32, avatarID: UInt32, tick: UInt64, config: UniverseConfig,
                        resumeToken: ResumeToken, account: UInt32 = 0) -> Welcome {
        Welcome(version: dialect.version, playerId: playerID, avatarId: avatarID,
                tickRateHz: UInt32(clamping: config.tickRate), currentTick: tick,
                worldWidth: config.width, worldHeight: config.height,
                viewRadius: config.viewRadius, viewHysteresis: config.hysteresis,
                keepAliveTicks: keepAliveTicks, resumeToken: resumeToken, firstSeq: nextSeq,
                account: dialect.isV2 ? account : 0)
    }

    /// Whether the update of tick `tick` calls for a frame (see the type's rules).
    public func isFrameDue(_ update: ObserverUpdate, tick: UInt64) -> Bool {
        guard !needsReset, tick > lastSentTick else { return false }
        return startsView || update.lastAppliedInputSeq != lastSentInputSeq
            || tick - lastSentTick >= UInt64(keepAliveTicks) || hasEvents(update.events)
    }

    /// Whether any event exists in the session's version.
    private func hasEvents(_ events: ArraySlice<ViewEvent>) -> Bool {
        dialect.isV2 ? !events.isEmpty : events.contains { WorldToWire.event($0) != nil }
    }

    /// Appends the event frame for tick `tick` to `buffer` if one is due, encoding each event straight into the
    /// buffer; property values and messages are read from `universe` (the state after the tick). Returns whether
    /// a frame was written. On error the buffer is unchanged and `needsReset` is set.
    @discardableResult
    public mutating func appendFrame(for update: ObserverUpdate, in universe: Universe, tick: UInt64,
                                     into buffer: inout [UInt8]) throws(WireEncodingError) -> Bool {
        guard isFrameDue(update, tick: tick) else { return false }
        try encodeFrame(for: update, in: universe, tick: tick, into: &buffer)
        return true
    }

    /// As `appendFrame(for:in:tick:into:)`, but a spectator's events are encoded once per tick for all the
    /// spectators sharing them: the body is copied from `bodies` when an earlier session kept it there this tick,
    /// and kept there otherwise. The frame's bytes are the same either way.
    @discardableResult
    public mutating func appendFrame(for update: ObserverUpdate, in universe: Universe, tick: UInt64,
                                     into buffer: inout [UInt8],
                                     sharing bodies: inout FrameBodies) throws(WireEncodingError) -> Bool {
        guard isFrameDue(update, tick: tick) else { return false }
        guard update.isSpectator, !update.events.isEmpty else {
            try encodeFrame(for: update, in: universe, tick: tick, into: &buffer)
            return true
        }
        if let body = bodies.body(for: update.events, version: dialect.version, tick: tick) {
            var writer = EventFrameWriter(seq: nextSeq, tick: tick, lastInputSeq: update.lastAppliedInputSeq,
                                          dialect: dialect, into: &buffer)
            writer.appendEncoded(body.bytes, count: body.count, to: &buffer)
            sent(update, tick: tick)
            return true
        }
        let frame = try encodeFrame(for: update, in: universe, tick: tick, into: &buffer)
        bodies.keep(buffer[frame.body...], count: frame.count, for: update.events, version: dialect.version,
                    tick: tick)
        return true
    }

    /// Appends the event frame (the caller checked it is due) and takes the seq; returns where its events start
    /// in `buffer` and how many there are.
    @discardableResult
    private mutating func encodeFrame(for update: ObserverUpdate, in universe: Universe, tick: UInt64,
                                      into buffer: inout [UInt8]) throws(WireEncodingError) -> (body: Int, count: Int) {
        let start = buffer.count
        var writer = EventFrameWriter(seq: nextSeq, tick: tick, lastInputSeq: update.lastAppliedInputSeq,
                                      dialect: dialect, into: &buffer)
        let body = writer.bodyStart
        do throws(WireEncodingError) {
            for event in update.events {
                if dialect.isV2 {
                    try appendV2(event, observer: update.observerID, universe: universe, writer: &writer,
                                 buffer: &buffer)
                } else if let wire = WorldToWire.event(event) {
                    try writer.append(wire, to: &buffer)
                }
            }
        } catch {
            buffer.removeSubrange(start...)
            needsReset = true
            throw error
        }
        sent(update, tick: tick)
        return (body, writer.eventCount)
    }

    /// Notes a frame sent for `update` at `tick`.
    private mutating func sent(_ update: ObserverUpdate, tick: UInt64) {
        nextSeq &+= 1
        lastSentTick = tick
        lastSentInputSeq = update.lastAppliedInputSeq
        startsView = false
    }

    /// One event in version 2: the positional ones as in version 1 (appeared with its non-default properties),
    /// the state events with the values they name.
    private mutating func appendV2(_ event: ViewEvent, observer: UInt32, universe: Universe,
                                   writer: inout EventFrameWriter,
                                   buffer: inout [UInt8]) throws(WireEncodingError) {
        pairs.removeAll(keepingCapacity: true)
        switch event {
        case .appeared(let state):
            var record = WorldToWire.record(state)
            if hasEntityProperties {
                for index in universe.nonDefaultProperties(of: state.id) {
                    appendPair(index, universe.property(EntityProperty(index: index), of: state.id))
                }
                record.properties = pairs
            }
            try writer.append(.appeared(record), to: &buffer)
        case .properties(let id, let changed):
            for index in changed { appendPair(index, universe.property(EntityProperty(index: index), of: id)) }
            try writer.append(.properties(id: id, values: pairs), to: &buffer)
        case .playerState(let changed):
            for index in changed {
                appendPair(index, universe.playerState(PlayerProperty(index: index), of: observer))
            }
            try writer.append(.playerState(pairs), to: &buffer)
        case .universeState(let changed):
            for index in changed { appendPair(index, universe.universeState(UniverseProperty(index: index))) }
            try writer.append(.universeState(pairs), to: &buffer)
        case .message(let index):
            guard index < universe.messages.count else { throw .valueOutOfRange(field: "message") }
            try writer.append(.message(WorldToWire.message(universe.messages[index])), to: &buffer)
        case .avatar, .destroyed, .disappeared, .changed:
            if let wire = WorldToWire.event(event) { try writer.append(wire, to: &buffer) }
        }
    }

    private mutating func appendPair(_ index: UInt8, _ value: PropertyValue?) {
        guard let value else { return }
        pairs.append(WireProperty(index: index, value: WorldToWire.value(value)))
    }

    /// For a session restored from a journal, whose client may have seen frames the journal never recorded:
    /// numbering continues after `seq` (the client's last) if that is further on, and only a reset can follow.
    public mutating func continueAfter(seq: UInt64) {
        nextSeq = max(nextSeq, seq &+ 1)
        needsReset = true
    }

    /// Appends a reset frame carrying the whole view (`Universe.snapshot(for:)`) and takes the next seq.
    /// Frames for ticks after the snapshot's follow from it. On error the buffer and the framer are unchanged.
    public mutating func appendReset(_ snapshot: ViewSnapshot,
                                     into buffer: inout [UInt8]) throws(WireEncodingError) {
        let start = buffer.count
        var writer = ResetWriter(seq: nextSeq, tick: snapshot.tick, lastInputSeq: snapshot.lastAppliedInputSeq,
                                 avatarId: snapshot.avatar, dialect: dialect, into: &buffer)
        do throws(WireEncodingError) {
            for (position, state) in snapshot.entities.enumerated() {
                var record = WorldToWire.record(state)
                if dialect.isV2, position < snapshot.entityProperties.count {
                    record.properties = WorldToWire.nonDefault(snapshot.entityProperties[position])
                }
                try writer.append(record, to: &buffer)
            }
            if dialect.isV2 {
                try writer.finish(playerState: WorldToWire.nonDefault(snapshot.playerState),
                                  universeState: WorldToWire.nonDefault(snapshot.universeState), to: &buffer)
            }
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        nextSeq &+= 1
        lastSentTick = snapshot.tick
        lastSentInputSeq = snapshot.lastAppliedInputSeq
        needsReset = false
        startsView = true
    }
}
