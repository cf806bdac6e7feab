/// The recent encoded event frames of one session, kept so a reconnecting client can be replayed what it missed.
///
/// Frames are appended with consecutive sequence numbers and the tick they were made on. The oldest frames are
/// dropped once they are more than `maximumAgeTicks` older than the newest tick, or while the frames together
/// exceed `maximumBytes`. A resume can be replayed only if every frame after the client's last seen one is still
/// here; otherwise the caller sends a reset.
public struct ResumeHistory: Sendable {
    private struct Entry: Sendable {
        let seq: UInt64
        let tick: UInt64
        let frame: [UInt8]
    }

    /// Frames older than this many ticks behind the newest are dropped.
    public let maximumAgeTicks: UInt64
    /// The most frame bytes kept.
    public let maximumBytes: Int
    /// Entries; the live ones start at `head`.
    private var entries: [Entry] = []
    private var head = 0
    /// Bytes of the live entries' frames.
    public private(set) var byteCount = 0
    /// The sequence number of the last frame appended (kept even when that frame has been dropped), or `nil`
    /// before the first one.
    public private(set) var lastSeq: UInt64?

    /// A history keeping frames up to `maximumAgeTicks` ticks old and `maximumBytes` bytes in total.
    public init(maximumAgeTicks: UInt64, maximumBytes: Int = 256 * 1024) {
        precondition(maximumBytes > 0, "maximumBytes must be positive")
        self.maximumAgeTicks = maximumAgeTicks
        self.maximumBytes = maximumBytes
    }

    /// A history keeping `seconds` (default 5) of frames at `ticksPerSecond`, and at most `maximumBytes`.
    public init(ticksPerSecond: Int, seconds: Int = 5, maximumBytes: Int = 256 * 1024) {
        precondition(ticksPerSecond > 0 && seconds >= 0, "tick rate must be positive")
        self.init(maximumAgeTicks: UInt64(ticksPerSecond * seconds), maximumBytes: maximumBytes)
    }

    /// The number of frames kept.
    public var count: Int { entries.count - head }

    /// The sequence number of the oldest frame kept, or `nil` when none is.
    public var oldestSeq: UInt64? { head < entries.count ? entries[head].seq : nil }

    /// Keeps `frame`, sent as `seq` on `tick`, then drops what is too old or over the byte budget (possibly this
    /// frame itself, if it alone exceeds `maximumBytes`). `seq` must follow `lastSeq` by one; `tick` must not go
    /// backwards.
    public mutating func append(_ frame: [UInt8], seq: UInt64, tick: UInt64) {
        if let lastSeq {
            precondition(seq == lastSeq &+ 1, "sequence numbers must be consecutive")
        }
        precondition(entries.last.map { tick >= $0.tick } ?? true, "ticks must not go backwards")
        entries.append(Entry(seq: seq, tick: tick, frame: frame))
        byteCount += frame.count
        lastSeq = seq
        evict(currentTick: tick)
    }

    /// Drops frames more than `maximumAgeTicks` older than `currentTick` (for a tick that produced no frame).
    public mutating func evict(currentTick: UInt64) {
        while head < entries.count,
              byteCount > maximumBytes || currentTick > entries[head].tick &+ maximumAgeTicks {
            byteCount -= entries[head].frame.count
            head += 1
        }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// The frames after `lastSeq`, oldest first, if all of them are still kept: empty when the client has seen
    /// everything. `nil` when some were dropped, or `lastSeq` is newer than anything sent (send a reset).
    public func frames(after lastSeq: UInt64) -> [[UInt8]]? {
        guard let newest = self.lastSeq, lastSeq <= newest else { return nil }
        if lastSeq == newest { return [] }
        guard let oldest = oldestSeq, lastSeq + 1 >= oldest else { return nil }
        let start = head + Int(lastSeq + 1 - oldest)
        return entries[start...].map(\.frame)
    }

    /// Forgets every frame and the last sequence number (after a reset restarts numbering).
    public mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        head = 0
        byteCount = 0
        lastSeq = nil
    }
}
