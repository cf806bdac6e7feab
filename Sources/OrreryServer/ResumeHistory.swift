/// The recent encoded event frames of one session, kept so a reconnecting client can be replayed what it missed.
///
/// Frames are appended with consecutive sequence numbers and the tick they were made on. The oldest frames are
/// dropped once they are more than `maximumAgeTicks` older than the newest tick, or while the frames together
/// exceed `maximumBytes`. A resume can be replayed only if every frame after the client's last seen one is still
/// here; otherwise the caller sends a reset.
///
/// All frames live in one byte array (plus a small array of entries), compacted now and then by moving the live
/// bytes to the front, so appending a frame on the tick path allocates nothing once the history has warmed up.
public struct ResumeHistory: Sendable {
    private struct Entry: Sendable {
        let seq: UInt64
        let tick: UInt64
        /// Offset of the frame's first byte counted from the first byte ever appended.
        let offset: Int
        let length: Int
    }

    /// Frames older than this many ticks behind the newest are dropped.
    public let maximumAgeTicks: UInt64
    /// The most frame bytes kept.
    public let maximumBytes: Int
    /// Entries; the live ones start at `head`.
    private var entries: [Entry] = []
    private var head = 0
    /// Frame bytes; the live ones start at `byteHead`. `bytes[i]` holds logical offset `base + i`.
    private var bytes: [UInt8] = []
    private var byteHead = 0
    private var base = 0
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
    public mutating func append(_ frame: ArraySlice<UInt8>, seq: UInt64, tick: UInt64) {
        if let lastSeq {
            precondition(seq == lastSeq &+ 1, "sequence numbers must be consecutive")
        }
        precondition(entries.last.map { tick >= $0.tick } ?? true, "ticks must not go backwards")
        entries.append(Entry(seq: seq, tick: tick, offset: base + bytes.count, length: frame.count))
        bytes.append(contentsOf: frame)
        byteCount += frame.count
        lastSeq = seq
        evict(currentTick: tick)
    }

    /// Keeps `frame` (array form of the slice overload).
    public mutating func append(_ frame: [UInt8], seq: UInt64, tick: UInt64) {
        append(frame[...], seq: seq, tick: tick)
    }

    /// Drops frames more than `maximumAgeTicks` older than `currentTick` (for a tick that produced no frame).
    public mutating func evict(currentTick: UInt64) {
        guard head < entries.count,
              byteCount > maximumBytes || currentTick > entries[head].tick &+ maximumAgeTicks else { return }
        while head < entries.count,
              byteCount > maximumBytes || currentTick > entries[head].tick &+ maximumAgeTicks {
            byteCount -= entries[head].length
            byteHead = entries[head].offset + entries[head].length - base
            head += 1
        }
        if head == entries.count {
            dropStorage()
        } else {
            if head >= 64, head * 2 >= entries.count {
                entries.removeFirst(head)
                head = 0
            }
            if byteHead >= 4096, byteHead * 2 >= bytes.count {
                bytes.removeFirst(byteHead)
                base += byteHead
                byteHead = 0
            }
        }
    }

    /// Calls `body` with each frame after `lastSeq`, oldest first, if all of them are still kept, and returns
    /// true (calling nothing when the client has seen everything). Returns false, calling nothing, when some were
    /// dropped or `lastSeq` is newer than anything sent (send a reset).
    @discardableResult
    public func forEachFrame(after lastSeq: UInt64, _ body: (ArraySlice<UInt8>) -> Void) -> Bool {
        guard canReplay(after: lastSeq) else { return false }
        guard let oldest = oldestSeq, lastSeq < self.lastSeq! else { return true }
        for entry in entries[(head + Int(lastSeq + 1 - oldest))...] {
            let start = entry.offset - base
            body(bytes[start..<(start + entry.length)])
        }
        return true
    }

    /// Whether every frame after `lastSeq` is still kept (true when `lastSeq` is the newest seq).
    public func canReplay(after lastSeq: UInt64) -> Bool {
        guard let newest = self.lastSeq, lastSeq <= newest else { return false }
        if lastSeq == newest { return true }
        guard let oldest = oldestSeq else { return false }
        return lastSeq + 1 >= oldest
    }

    /// The frames after `lastSeq`, oldest first, if all of them are still kept: empty when the client has seen
    /// everything. `nil` when some were dropped, or `lastSeq` is newer than anything sent (send a reset).
    public func frames(after lastSeq: UInt64) -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        return forEachFrame(after: lastSeq) { frames.append(Array($0)) } ? frames : nil
    }

    /// Forgets every frame and the last sequence number (after a reset restarts numbering).
    public mutating func removeAll() {
        dropStorage()
        byteCount = 0
        lastSeq = nil
    }

    /// Empties the entry and byte storage (keeping capacity); `base` moves on so offsets stay unique.
    private mutating func dropStorage() {
        entries.removeAll(keepingCapacity: true)
        head = 0
        base += bytes.count
        bytes.removeAll(keepingCapacity: true)
        byteHead = 0
    }
}
