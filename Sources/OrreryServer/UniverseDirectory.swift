import Synchronization

/// Which universes exist and which event loop runs each: shared by every loop (behind a mutex, off the tick path).
///
/// A universe is placed on the loop running the fewest universes, never on the front loop (the one that accepts
/// connections and runs handshakes) when there is another. Connections admitted to a universe are counted
/// as pending until they arrive on its loop, so an idle on-demand universe is never removed under their feet.
public final class UniverseDirectory: Sendable {
    /// What one universe reports for `GET /universes` (published about once a second by its loop).
    public struct Stats: Sendable, Equatable {
        /// Player sessions (connected or awaiting resume).
        public var players = 0
        /// Spectator sessions.
        public var spectators = 0
        /// The universe's tick.
        public var tick: UInt64 = 0
        /// Live entities.
        public var entities = 0

        /// Zero everywhere.
        public init() {}
    }

    /// One universe's placement.
    public struct Entry: Sendable, Equatable {
        /// The universe's name.
        public let name: String
        /// Index of the loop that runs it.
        public let loop: Int
        /// Creation order (0 for the first universe ever), which picks its seed.
        public let index: Int
        /// Whether it was created by a join (and may be removed when idle).
        public let onDemand: Bool
        /// The latest published numbers.
        public var stats = Stats()
        var pending = 0
    }

    /// The answer to a connection asking for a universe.
    public enum Admission: Sendable, Equatable {
        /// It exists; connect on this loop.
        case existing(Entry)
        /// It was just created on demand: create its host on `entry.loop`, then connect there.
        case created(Entry)
        /// No such universe (and on-demand creation is off).
        case unknown
        /// On-demand creation would exceed the maximum.
        case full
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var universesPerLoop: [Int]
        /// The loops universes may run on.
        var candidates: [Int]
        var created = 0
    }

    /// Whether an unknown name creates a universe.
    public let createOnDemand: Bool
    /// Most universes at once.
    public let maximumUniverses: Int
    private let state: Mutex<State>

    /// An empty directory over `loopCount` loops; with more than one, universes avoid `frontLoop` (nil: none is
    /// reserved).
    public init(loopCount: Int, frontLoop: Int? = nil, createOnDemand: Bool, maximumUniverses: Int) {
        precondition(loopCount > 0, "at least one loop")
        self.createOnDemand = createOnDemand
        self.maximumUniverses = maximumUniverses
        let candidates = loopCount > 1 ? (0..<loopCount).filter { $0 != frontLoop } : [0]
        state = Mutex(State(universesPerLoop: [Int](repeating: 0, count: loopCount), candidates: candidates))
    }

    /// Adds a universe at start-up (fixed, or `onDemand` when restored from a journal after being created on
    /// demand) and returns its placement; nil if the name is taken.
    public func add(_ name: String, onDemand: Bool = false) -> Entry? {
        state.withLock { state in
            guard state.entries[name] == nil else { return nil }
            return Self.create(name, onDemand: onDemand, in: &state)
        }
    }

    /// Finds (or creates on demand) the universe a connection asks for, counting the connection as pending.
    public func admit(_ name: String) -> Admission {
        state.withLock { state in
            if var entry = state.entries[name] {
                entry.pending += 1
                state.entries[name] = entry
                return .existing(entry)
            }
            guard createOnDemand else { return .unknown }
            guard state.entries.count < maximumUniverses else { return .full }
            var entry = Self.create(name, onDemand: true, in: &state)
            entry.pending = 1
            state.entries[name] = entry
            return .created(entry)
        }
    }

    /// A pending connection arrived on the universe's loop, or gave up before it did.
    public func settle(_ name: String) {
        state.withLock { state in
            if var entry = state.entries[name], entry.pending > 0 {
                entry.pending -= 1
                state.entries[name] = entry
            }
        }
    }

    /// Removes an on-demand universe if no connection is on its way to it; returns whether it did.
    public func removeIfIdle(_ name: String) -> Bool {
        state.withLock { state in
            guard let entry = state.entries[name], entry.onDemand, entry.pending == 0 else { return false }
            state.entries[name] = nil
            state.universesPerLoop[entry.loop] -= 1
            return true
        }
    }

    /// Records a universe's latest numbers.
    public func publish(_ name: String, _ stats: Stats) {
        state.withLock { state in state.entries[name]?.stats = stats }
    }

    /// The entry of one universe.
    public func entry(_ name: String) -> Entry? {
        state.withLock { $0.entries[name] }
    }

    /// Every universe, by name.
    public var entries: [Entry] {
        state.withLock { $0.entries.values.sorted { $0.name < $1.name } }
    }

    private static func create(_ name: String, onDemand: Bool, in state: inout State) -> Entry {
        var loop = state.candidates[0]
        for index in state.candidates where state.universesPerLoop[index] < state.universesPerLoop[loop] {
            loop = index
        }
        state.universesPerLoop[loop] += 1
        let entry = Entry(name: name, loop: loop, index: state.created, onDemand: onDemand)
        state.created += 1
        state.entries[name] = entry
        return entry
    }
}
