import OrreryWire

/// Applies frames and resets to a replica while checking what they say (the per-connection protocol checks
/// of `orrery bots`): contiguous seqs and ticks that never go back (the replica's own refusals), every entity
/// inside the view after each frame, every entity without an event exactly where dead reckoning puts it,
/// appeared events only for entities not in view, input acknowledgements that only name sent inputs and
/// never go backwards; in version 2 also properties (only for entities in view, of the schema's types and
/// lengths) and game messages (codes in the schema; entity-scoped ones only about entities in view or just
/// removed from it). Failures are counted by kind; the frame is still applied when the replica accepts it.
public struct ProtocolChecker: Sendable {
    private struct Point: Sendable {
        var x: Int64
        var y: Int64
    }

    /// Failures so far.
    public private(set) var counts = CheckCounts()
    private var isSpectator = false
    private var region: Region?
    /// A player's view centre after the latest frame: its avatar's position, or where the avatar last was.
    private var centre: Point?
    private var expected: [UInt32: EntityRecord] = [:]
    private var touched: Set<UInt32> = []
    private var removed: Set<UInt32> = []

    public init() {}

    /// Starts checking a new session (after a join's welcome). `region` is the spectator region asked for.
    public mutating func begin(_ welcome: Welcome, region: Region?) {
        isSpectator = welcome.playerId == 0
        self.region = isSpectator ? region : nil
        centre = isSpectator ? nil : Point(x: Int64(welcome.worldWidth / 2), y: Int64(welcome.worldHeight / 2))
    }

    /// Counts a failure found by the caller (e.g. a message that did not decode).
    public mutating func record(_ kind: CheckKind, _ detail: @autoclosure () -> String) {
        counts.record(kind, detail())
    }

    /// Applies `frame` to `replica`, checking it. `highestInputSent` is the largest input seq sent in this
    /// session. Rethrows (after counting) when the replica refuses the frame, leaving it unchanged.
    public mutating func apply(_ frame: EventFrame, to replica: inout Replica,
                               highestInputSent: UInt32) throws(ReplicaError) {
        let previousTick = replica.tick
        let previousAvatar = replica.avatarId == 0 ? nil : replica.entity(replica.avatarId)
        let previousAcknowledged = replica.lastInputSeq
        expected.removeAll(keepingCapacity: true)
        touched.removeAll(keepingCapacity: true)
        if frame.tick >= previousTick, replica.session != nil {
            let ticks = frame.tick - previousTick
            for (id, record) in replica.entities { expected[id] = record.advanced(byTicks: ticks) }
            noteEvents(frame)
        }
        do {
            try replica.apply(frame)
        } catch {
            counts.record(CheckKind(error), "\(error)")
            throw error
        }
        for (id, record) in replica.entities where !touched.contains(id) {
            // Motion only: a properties event changes an entity's properties, not where it is.
            var predicted = expected[id]
            predicted?.properties = record.properties
            if predicted != record {
                counts.record(.motionMismatch, "tick \(frame.tick): entity \(id) is not where dead reckoning puts it")
            }
        }
        if let previousAvatar, replica.entity(replica.avatarId) == nil {
            let ticks = frame.tick > previousTick ? frame.tick - 1 - previousTick : 0
            let last = previousAvatar.advanced(byTicks: ticks)
            centre = Point(x: Int64(last.x), y: Int64(last.y))
        }
        checkView(replica)
        checkMessages(frame, replica)
        checkAcknowledgement(frame.lastInputSeq, previous: previousAcknowledged, highestSent: highestInputSent,
                             tick: frame.tick)
    }

    /// An entity-scoped message must be about an entity in view after the frame or removed from it by the frame.
    private mutating func checkMessages(_ frame: EventFrame, _ replica: Replica) {
        for case .message(let message) in frame.events {
            guard case .entity(let id) = message.scope, replica.entity(id) == nil, !removed.contains(id) else {
                continue
            }
            counts.record(.messageMismatch, "tick \(frame.tick): message \(message.code) about entity \(id) not in view")
        }
    }

    /// Applies `reset` to `replica`, checking it like a frame (except motion: a reset replaces everything).
    public mutating func apply(_ reset: ResetFrame, to replica: inout Replica,
                               highestInputSent: UInt32) throws(ReplicaError) {
        let previousAcknowledged = replica.awaitingReset || replica.lastSeq == 0 ? 0 : replica.lastInputSeq
        do {
            try replica.apply(reset)
        } catch {
            counts.record(CheckKind(error), "\(error)")
            throw error
        }
        if replica.entity(replica.avatarId) == nil { centre = nil }
        checkView(replica)
        checkAcknowledgement(reset.lastInputSeq, previous: previousAcknowledged, highestSent: highestInputSent,
                             tick: reset.tick)
    }

    /// Marks the entities the frame's appeared and changed events set, and counts appeared events for entities
    /// already in view (and not removed earlier in the frame).
    private mutating func noteEvents(_ frame: EventFrame) {
        removed.removeAll(keepingCapacity: true)
        for event in frame.events {
            switch event {
            case .appeared(let record):
                if expected[record.id] != nil, !removed.contains(record.id) {
                    counts.record(.duplicateEntity, "tick \(frame.tick): entity \(record.id) appeared while in view")
                }
                touched.insert(record.id)
            case .changed(let motion): touched.insert(motion.id)
            case .disappeared(let id), .destroyed(let id, _): removed.insert(id)
            case .avatar, .properties, .playerState, .universeState, .message: break
            }
        }
    }

    /// Counts the entities outside the view after a frame at the replica's tick.
    private mutating func checkView(_ replica: Replica) {
        guard let welcome = replica.session else { return }
        let margin = Int64(welcome.viewHysteresis)
        if isSpectator {
            guard let region else { return }
            let minX = Int64(region.x) - margin, maxX = Int64(region.x) + Int64(region.width) - 1 + margin
            let minY = Int64(region.y) - margin, maxY = Int64(region.y) + Int64(region.height) - 1 + margin
            for record in replica.entities.values {
                let x = Int64(record.x), y = Int64(record.y)
                if x < minX || x > maxX || y < minY || y > maxY {
                    counts.record(.outsideView, "tick \(replica.tick): entity \(record.id) at (\(x), \(y)) is outside the region")
                }
            }
            return
        }
        if let avatar = replica.entity(replica.avatarId) {
            centre = Point(x: Int64(avatar.x), y: Int64(avatar.y))
        }
        guard let centre else { return }
        let leave = Int64(welcome.viewRadius) + margin
        let limit = leave * leave
        for record in replica.entities.values {
            let dx = Int64(record.x) - centre.x, dy = Int64(record.y) - centre.y
            if dx * dx + dy * dy > limit {
                counts.record(.outsideView, "tick \(replica.tick): entity \(record.id) is beyond the view radius + hysteresis")
            }
        }
    }

    private mutating func checkAcknowledgement(_ acknowledged: UInt32, previous: UInt32, highestSent: UInt32,
                                               tick: UInt64) {
        if acknowledged > highestSent {
            counts.record(.inputAcknowledgement, "tick \(tick): input \(acknowledged) acknowledged, \(highestSent) sent")
        } else if acknowledged < previous {
            counts.record(.inputAcknowledgement, "tick \(tick): acknowledgement went back from \(previous) to \(acknowledged)")
        }
    }
}
