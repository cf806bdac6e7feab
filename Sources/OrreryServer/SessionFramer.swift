import OrreryWire
import OrreryWorld

/// Composes one session's outbound messages from its observer's world output: the welcome, one event frame per
/// tick when one is due, and resets. It owns the session's frame numbering (Protocol/README.md, sections 5 and 6).
///
/// Rules:
/// - Every event frame or reset takes seq = previous + 1; the first one takes the welcome's `firstSeq`
///   (1 after a join).
/// - A frame for tick T is due when T is after the last frame's (or reset's, or welcome's) tick and the update has
///   events, or its last applied input seq differs from the one last sent, or `keepAliveTicks` ticks have passed
///   since the last frame. Otherwise nothing is sent: the client advances by tick difference.
/// - A frame that cannot be encoded (e.g. more than 65,535 events) leaves the buffer and the numbering untouched
///   and sets `needsReset`: no frame is due until `appendReset(_:into:)` replaces the client's view.
public struct SessionFramer: Sendable {
    /// The default keep-alive period: one second at 20 Hz.
    public static let defaultKeepAliveTicks: UInt32 = 20

    /// A frame is sent at least every this many ticks.
    public let keepAliveTicks: UInt32
    /// The seq the next event frame or reset takes.
    public private(set) var nextSeq: UInt64
    /// The tick of the last frame or reset sent (the welcome's tick before any).
    public private(set) var lastSentTick: UInt64
    /// The last applied input seq the client was told (0 = none).
    public private(set) var lastSentInputSeq: UInt32
    /// True after a frame failed to encode: only a reset can follow.
    public private(set) var needsReset = false

    /// A framer for a session whose welcome is sent at `tick` and announces `firstSeq` (1 for a new session).
    public init(tick: UInt64, firstSeq: UInt64 = 1, keepAliveTicks: UInt32 = SessionFramer.defaultKeepAliveTicks,
                lastSentInputSeq: UInt32 = 0) {
        precondition(keepAliveTicks > 0, "keepAliveTicks must be at least 1")
        self.keepAliveTicks = keepAliveTicks
        nextSeq = firstSeq
        lastSentTick = tick
        self.lastSentInputSeq = lastSentInputSeq
    }

    /// The welcome for this session: `firstSeq` is the seq the next frame or reset takes.
    /// - Parameters:
    ///   - playerID: the player id, 0 for a spectator.
    ///   - avatarID: the player's avatar now (`Universe.avatar(of:)`), 0 for none or a spectator.
    ///   - tick: the universe's current tick.
    public func welcome(playerID: UInt32, avatarID: UInt32, tick: UInt64, config: UniverseConfig,
                        resumeToken: ResumeToken) -> Welcome {
        Welcome(playerId: playerID, avatarId: avatarID,
                tickRateHz: UInt32(clamping: config.tickRate), currentTick: tick,
                worldWidth: config.width, worldHeight: config.height,
                viewRadius: config.viewRadius, viewHysteresis: config.hysteresis,
                keepAliveTicks: keepAliveTicks, resumeToken: resumeToken, firstSeq: nextSeq)
    }

    /// Whether the update of tick `tick` calls for a frame (see the type's rules).
    public func isFrameDue(_ update: ObserverUpdate, tick: UInt64) -> Bool {
        guard !needsReset, tick > lastSentTick else { return false }
        return !update.events.isEmpty || update.lastAppliedInputSeq != lastSentInputSeq
            || tick - lastSentTick >= UInt64(keepAliveTicks)
    }

    /// Appends the event frame for tick `tick` to `buffer` if one is due, encoding each event straight into the
    /// buffer (nothing allocated per event). Returns whether a frame was written. On error the buffer is
    /// unchanged and `needsReset` is set.
    @discardableResult
    public mutating func appendFrame(for update: ObserverUpdate, tick: UInt64,
                                     into buffer: inout [UInt8]) throws(WireEncodingError) -> Bool {
        guard isFrameDue(update, tick: tick) else { return false }
        let start = buffer.count
        var writer = EventFrameWriter(seq: nextSeq, tick: tick, lastInputSeq: update.lastAppliedInputSeq,
                                      into: &buffer)
        do throws(WireEncodingError) {
            for event in update.events {
                guard let wire = WorldToWire.event(event) else { continue }
                try writer.append(wire, to: &buffer)
            }
        } catch {
            buffer.removeSubrange(start...)
            needsReset = true
            throw error
        }
        nextSeq &+= 1
        lastSentTick = tick
        lastSentInputSeq = update.lastAppliedInputSeq
        return true
    }

    /// Appends a reset frame carrying the whole view (`Universe.snapshot(for:)`) and takes the next seq.
    /// Frames for ticks after the snapshot's follow from it. On error the buffer and the framer are unchanged.
    public mutating func appendReset(_ snapshot: ViewSnapshot,
                                     into buffer: inout [UInt8]) throws(WireEncodingError) {
        let start = buffer.count
        var writer = ResetWriter(seq: nextSeq, tick: snapshot.tick, lastInputSeq: snapshot.lastAppliedInputSeq,
                                 avatarId: snapshot.avatar, into: &buffer)
        do throws(WireEncodingError) {
            for state in snapshot.entities {
                try writer.append(WorldToWire.record(state), to: &buffer)
            }
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        nextSeq &+= 1
        lastSentTick = snapshot.tick
        lastSentInputSeq = snapshot.lastAppliedInputSeq
        needsReset = false
    }
}
