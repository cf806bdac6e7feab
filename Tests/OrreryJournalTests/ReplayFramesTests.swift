import OrreryArena
import OrreryJournal
import OrreryServer
import OrreryTesting
import OrreryWire
import OrreryWorld
import Testing

/// Observers of a replay get exactly the bytes the live observers got: frames encoded by the server's framer from
/// the replayed universe equal, byte for byte, those encoded from the live one, for a whole-world spectator, a
/// rectangle spectator whose view moves, and a player's own view.
@Suite struct ReplayFramesTests {
    /// Encoded frames per watched observer, in order, with the tick of each.
    struct Watch {
        var framers: [UInt32: SessionFramer] = [:]
        var frames: [UInt32: [(tick: UInt64, bytes: [UInt8])]] = [:]
        let dialect = WireDialect(schema: WorldToWire.schema(ArenaRules.gameSchema))

        mutating func watch(_ observer: UInt32, at tick: UInt64) {
            framers[observer] = SessionFramer(tick: tick, dialect: dialect)
            frames[observer] = []
        }

        mutating func encode(_ universe: Universe) throws {
            try universe.forEachObserverUpdate { (update) throws(WireEncodingError) in
                guard var framer = framers[update.observerID] else { return }
                var buffer: [UInt8] = []
                if try framer.appendFrame(for: update, in: universe, tick: universe.tick, into: &buffer) {
                    frames[update.observerID]!.append((universe.tick, buffer))
                }
                framers[update.observerID] = framer
            }
        }
    }

    @Test func replayedObserversReceiveTheLiveBytes() throws {
        var recorder = try JournalRecorder(rules: ArenaRules(config: ArenaConfig(asteroidCount: 40, npcCount: 8)),
                                           config: UniverseConfig(width: 250 * 256, height: 250 * 256, seed: 99),
                                           snapshotIntervalTicks: 50)
        var live = Watch()
        let world = recorder.addSpectator(.wholeWorld)
        live.watch(world, at: 0)
        var rectangle: UInt32 = 0
        var player: UInt32 = 0
        var watchedPlayer: UInt32 = 0
        for tick in 1...UInt64(240) {
            if tick % 20 == 1 { player = recorder.join(identity: PlayerIdentity(name: "p\(tick)")) }
            if tick == 21 {
                watchedPlayer = player
                live.watch(player, at: recorder.universe.tick)
            }
            if tick == 30 {
                rectangle = recorder.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 80 * 256, maxY: 80 * 256))
                live.watch(rectangle, at: recorder.universe.tick)
            }
            if tick % 40 == 0 {
                let x = Int32(tick) * 256 / 2
                recorder.setSpectatorView(rectangle, to: .rectangle(minX: x, minY: x, maxX: x + 80 * 256, maxY: x + 80 * 256))
            }
            for (id, input) in RestoreCheck.scriptedInputs(for: recorder.universe.playerIDs, tick: tick) {
                recorder.submitInput(input, from: id)
            }
            recorder.step()
            try live.encode(recorder.universe)
        }

        let contents = try JournalReader.readAll(bytes: recorder.bytes)
        var replay = try JournalReplay(contents: contents) { _ in ArenaRules() }
        var replayed = Watch()
        for (index, record) in contents.records.enumerated().dropFirst() {
            _ = try replay.apply(record, record: index)
            switch record {
            case .spectatorAdded(let spectator, _) where live.frames[spectator] != nil:
                replayed.watch(spectator, at: replay.universe.tick)
            case .join(let joined, _) where live.frames[joined] != nil:
                replayed.watch(joined, at: replay.universe.tick)
            case .tick:
                try replayed.encode(replay.universe)
            default:
                continue
            }
        }
        #expect(Set(replayed.frames.keys) == [world, rectangle, watchedPlayer])
        for (observer, frames) in live.frames {
            let again = replayed.frames[observer] ?? []
            #expect(frames.count > 100, "observer \(observer) got \(frames.count) frames")
            #expect(frames.map(\.tick) == again.map(\.tick), "observer \(observer)")
            #expect(frames.map(\.bytes) == again.map(\.bytes), "observer \(observer)")
        }
    }
}
