import OrreryServer
import OrreryWire
import OrreryWorld

/// `orrery bench bandwidth`: bytes per client per second of our event frames against two baselines computed from
/// the same simulation in the same run, with the same quantization (subunits, varints):
/// - full snapshot: every tick, every visible entity as an entity record (a reset frame's layout);
/// - position deltas: every tick with anything to say, a type byte, the tick, then appeared entities as records,
///   gone ones (disappeared or destroyed) as ids, and each remaining visible entity whose position changed as
///   id + x + y varints (what state-sync libraries send for a moving object; no heading or velocity, which
///   favours the baseline).
/// Every message is counted with its server→client WebSocket frame header (2 bytes under 126, 4 under 65,536).
struct BenchBandwidth {
    let players: Int
    let seconds: Int
    let warmup: Int
    let seed: UInt64

    /// Bytes and messages of one stream, summed over clients and measured ticks.
    struct Stream {
        var bytes = 0
        var messages = 0

        mutating func add(payload: Int) {
            bytes += payload + BenchBandwidth.webSocketHeader(payload)
            messages += 1
        }
    }

    func run() throws -> String {
        var arena = try BenchArena(players: players, seed: seed)
        let rate = arena.universe.config.tickRate
        let dialect = WireDialect(schema: WorldToWire.schema(arena.universe.schema))
        var framers = arena.players.map { _ in SessionFramer(tick: arena.universe.tick, dialect: dialect) }
        var ours = Stream()
        var full = Stream()
        var delta = Stream()
        var visibleSum = 0
        var buffer: [UInt8] = []
        var previous: [UInt32: Position] = [:]
        var current: [UInt32: Position] = [:]
        let measured = seconds * rate
        for tick in 0..<(warmup + measured) {
            arena.driveInputs()
            arena.universe.step()
            let universe = arena.universe
            let measuring = tick >= warmup
            current.removeAll(keepingCapacity: true)
            universe.world.forEachEntity { current[$0.id] = Position(x: $0.x, y: $0.y) }
            try universe.forEachObserverUpdate { (update) throws(WireEncodingError) in
                let index = Int(update.observerID) - 1
                buffer.removeAll(keepingCapacity: true)
                let sent = try framers[index].appendFrame(for: update, in: universe, tick: universe.tick, into: &buffer)
                guard measuring else { return }
                if sent { ours.add(payload: buffer.count) }
                let snapshot = universe.snapshot(for: update.observerID)
                buffer.removeAll(keepingCapacity: true)
                var writer = ResetWriter(seq: UInt64(tick + 1), tick: universe.tick,
                                         lastInputSeq: update.lastAppliedInputSeq, avatarId: update.avatar,
                                         into: &buffer)
                for state in snapshot?.entities ?? [] {
                    try writer.append(WorldToWire.record(state), to: &buffer)
                }
                full.add(payload: buffer.count)
                visibleSum += snapshot?.entities.count ?? 0
                if let payload = Self.deltaPayload(update, tick: universe.tick, universe: universe,
                                                   previous: previous, current: current) {
                    delta.add(payload: payload)
                }
            }
            swap(&previous, &current)
        }
        return report(ours: ours, full: full, delta: delta, visibleSum: visibleSum, measured: measured, rate: rate)
    }

    private struct Position: Equatable {
        var x: Int32
        var y: Int32
    }

    /// The size of the position-delta message for one client and tick, nil when it has nothing to say.
    private static func deltaPayload(_ update: ObserverUpdate, tick: UInt64, universe: Universe,
                                     previous: [UInt32: Position], current: [UInt32: Position]) -> Int? {
        var appeared = 0
        var appearedBytes = 0
        var gone = 0
        var goneBytes = 0
        var appearedIDs: Set<UInt32> = []
        for event in update.events {
            switch event {
            case .appeared(let state):
                appeared += 1
                appearedBytes += recordSize(state)
                appearedIDs.insert(state.id)
            case .disappeared(let id), .destroyed(let id, _):
                gone += 1
                goneBytes += varintSize(UInt64(id))
            case .avatar, .changed, .properties, .playerState, .universeState, .message:
                continue
            }
        }
        var moved = 0
        var movedBytes = 0
        for id in universe.visibleEntityIDs(of: update.observerID) ?? [] where !appearedIDs.contains(id) {
            guard let now = current[id], previous[id] != now else { continue }
            moved += 1
            movedBytes += varintSize(UInt64(id)) + zigzagSize(now.x) + zigzagSize(now.y)
        }
        guard appeared + gone + moved > 0 else { return nil }
        return 1 + varintSize(tick) + varintSize(UInt64(appeared)) + appearedBytes + varintSize(UInt64(gone))
            + goneBytes + varintSize(UInt64(moved)) + movedBytes
    }

    /// The size of an entity record on the wire (Protocol/README.md, "Entity record").
    private static func recordSize(_ state: EntityState) -> Int {
        varintSize(UInt64(state.id)) + 1 + zigzagSize(state.x) + zigzagSize(state.y) + zigzagSize(state.vx)
            + zigzagSize(state.vy) + 2 + varintSize(UInt64(UInt32(bitPattern: state.radius)))
            + varintSize(UInt64(state.owner))
    }

    private static func varintSize(_ value: UInt64) -> Int {
        max(1, (64 - value.leadingZeroBitCount + 6) / 7)
    }

    private static func zigzagSize(_ value: Int32) -> Int {
        varintSize(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    /// The server→client (unmasked) WebSocket frame header size for a binary message of `payload` bytes.
    static func webSocketHeader(_ payload: Int) -> Int {
        payload < 126 ? 2 : payload < 65_536 ? 4 : 10
    }

    private func report(ours: Stream, full: Stream, delta: Stream, visibleSum: Int, measured: Int,
                        rate: Int) -> String {
        let clientSeconds = Double(players) * Double(measured) / Double(rate)
        let clientTicks = Double(players) * Double(measured)
        func perSecond(_ stream: Stream) -> String { BenchTick.format(Double(stream.bytes) / clientSeconds) }
        func messages(_ stream: Stream) -> String { BenchTick.format(Double(stream.messages) / clientSeconds) }
        func average(_ stream: Stream) -> String {
            BenchTick.format(Double(stream.bytes) / Double(max(stream.messages, 1)))
        }
        let ratioFull = Double(ours.bytes) / Double(max(full.bytes, 1)) * 100
        let ratioDelta = Double(ours.bytes) / Double(max(delta.bytes, 1)) * 100
        return """
            Bandwidth: \(players) players, \(rate) Hz, \(seconds) s measured after \(warmup) warm-up ticks, \
            seed \(seed); mean view \(BenchTick.format(Double(visibleSum) / clientTicks)) entities

            | stream | bytes/client/s | messages/client/s | bytes/message (with header) |
            |--|--:|--:|--:|
            | event frames (ours) | \(perSecond(ours)) | \(messages(ours)) | \(average(ours)) |
            | full snapshot every tick | \(perSecond(full)) | \(messages(full)) | \(average(full)) |
            | position-delta stream | \(perSecond(delta)) | \(messages(delta)) | \(average(delta)) |

            ours / full snapshot: \(BenchTick.format(ratioFull)) % (target ≤ 10 %); \
            ours / position deltas: \(BenchTick.format(ratioDelta)) % (target ≤ 40 %)
            """
    }
}
