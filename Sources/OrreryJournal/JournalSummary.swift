/// What `orrery journal info` shows about a journal: its universe and game, ticks and duration, snapshots,
/// players, records, size, sync mode and whether it ended cleanly.
public struct JournalSummary: Sendable, Hashable {
    /// The universe's name and game, from the first segment's header.
    public var universe: String
    public var game: String
    /// The segment numbers summarised, in order.
    public var segments: [UInt32]
    /// The first tick (0, or the first segment's snapshot tick) and the last tick recorded.
    public var firstTick: UInt64
    public var lastTick: UInt64
    /// Ticks per second, from the header.
    public var tickRate: Int
    /// Snapshot records.
    public var snapshots: Int
    /// Joins, distinct player ids joined, most players at once, spectators added.
    public var joins: Int
    public var players: Int
    public var peakPlayers: Int
    public var spectators: Int
    /// Input and command records, and records of every kind.
    public var inputs: Int
    public var commands: Int
    public var records: Int
    /// Bytes in all files, and bytes dropped as torn tails.
    public var bytes: Int
    public var droppedBytes: Int
    /// The sync mode of the last segment's header.
    public var syncMode: JournalSyncMode
    /// Whether the last segment ends with an end record.
    public var endedCleanly: Bool

    /// Ticks recorded.
    public var ticks: UInt64 { lastTick - firstTick }

    /// The match's duration in seconds of simulated time.
    public var durationSeconds: Double { Double(ticks) / Double(max(tickRate, 1)) }

    /// Summarises segments read in order (one file or a universe's directory).
    public init(_ segments: [JournalContents]) {
        let first = segments.first?.header
        universe = first?.universe ?? ""
        game = first?.schema.game ?? ""
        self.segments = segments.map(\.header.segment)
        firstTick = first?.firstTick ?? 0
        lastTick = firstTick
        tickRate = first?.config.tickRate ?? 1
        snapshots = 0
        joins = 0
        peakPlayers = 0
        spectators = 0
        inputs = 0
        commands = 0
        records = 0
        bytes = segments.reduce(0) { $0 + $1.size }
        droppedBytes = segments.reduce(0) { $0 + $1.droppedBytes }
        syncMode = segments.last?.header.syncMode ?? .operatingSystem
        endedCleanly = segments.last?.records.last?.kind == .end
        var joined: Set<UInt32> = []
        var present: Set<UInt32> = []
        for (index, contents) in segments.enumerated() {
            records += contents.records.count
            for (position, record) in contents.records.enumerated() {
                switch record {
                case .snapshot:
                    if index == 0 || position > 1 { snapshots += 1 }
                case .join(let player, _):
                    joins += 1
                    joined.insert(player)
                    present.insert(player)
                    peakPlayers = max(peakPlayers, present.count)
                case .leave(let player): present.remove(player)
                case .spectatorAdded: spectators += 1
                case .input: inputs += 1
                case .command: commands += 1
                case .tick(let tick, _): lastTick = tick
                default: continue
                }
            }
        }
        players = joined.count
    }
}
