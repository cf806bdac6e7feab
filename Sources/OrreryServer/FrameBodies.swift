import OrreryWorld

/// One tick's encoded event bodies of spectator frames, so that spectators with the same events (equal views:
/// they share one event range, see `Universe.forEachObserverUpdate(_:)`) get the bytes copied instead of encoded
/// again; only the frame header (seq, tick, input seq, event count) is each session's own.
public struct FrameBodies: Sendable {
    private struct Key: Hashable {
        var start: Int
        var end: Int
        var version: UInt8
    }

    private var tick: UInt64 = 0
    private var bytes: [UInt8] = []
    private var entries: [Key: (range: Range<Int>, count: Int)] = [:]

    /// Bodies copied instead of encoded so far.
    public private(set) var copies = 0

    /// An empty store.
    public init() {}

    /// The body encoded this tick for these events in this version, and its event count (counted as a copy).
    mutating func body(for events: ArraySlice<ViewEvent>, version: UInt8,
                       tick: UInt64) -> (bytes: ArraySlice<UInt8>, count: Int)? {
        guard tick == self.tick,
              let entry = entries[Key(start: events.startIndex, end: events.endIndex, version: version)]
        else { return nil }
        copies += 1
        return (bytes[entry.range], entry.count)
    }

    /// Keeps the body just encoded for these events (forgetting the bodies of earlier ticks).
    mutating func keep(_ body: ArraySlice<UInt8>, count: Int, for events: ArraySlice<ViewEvent>, version: UInt8,
                       tick: UInt64) {
        if tick != self.tick {
            self.tick = tick
            bytes.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
        }
        let start = bytes.count
        bytes.append(contentsOf: body)
        entries[Key(start: events.startIndex, end: events.endIndex, version: version)] = (start..<bytes.count, count)
    }
}
