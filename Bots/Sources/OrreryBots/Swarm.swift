import Dispatch
import Foundation
import OrreryClient
import OrreryNet
import OrreryPosix
import Synchronization

/// Many bots in one process on a few event loops: created and started at `rampPerSecond`, each with its own
/// seeded brain and client connection, counted together. `start`, `snapshot` and `stop` are called from an
/// ordinary thread (never from one of the swarm's loops).
public final class Swarm: Sendable {
    public let configuration: SwarmConfiguration
    private let group: EventLoopGroup
    private let crews: [BotCrew]
    private let startedAt = Atomic<Int64>(0)

    /// Starts the loops; no bot connects before `start()`.
    public init(configuration: SwarmConfiguration) throws(SwarmError) {
        self.configuration = try configuration.validated()
        do {
            group = try EventLoopGroup(loopCount: configuration.loops, name: "orrery-bots")
        } catch {
            throw .loops(error)
        }
        crews = group.loops.map { BotCrew(loop: $0) }
    }

    /// Creates the bots and starts them one after another at the ramp rate (bot i after i / ramp seconds).
    public func start() {
        let begin = MonotonicClock.nanoseconds() + 10_000_000
        guard startedAt.compareExchange(expected: 0, desired: begin, ordering: .relaxed).exchanged else { return }
        let configuration = configuration
        let spacing = 1e9 / configuration.rampPerSecond
        for (crewIndex, crew) in crews.enumerated() {
            crew.loop.execute {
                for index in stride(from: crewIndex, to: configuration.count, by: self.crews.count) {
                    let bot = Self.makeBot(index, configuration: configuration, loop: crew.loop)
                    crew.bots.append(bot)
                    let due = MonotonicTime(nanoseconds: begin + Int64(Double(index) * spacing))
                    crew.loop.schedule(at: due) { _ in bot.start() }
                }
            }
        }
    }

    /// Everything counted so far (waits briefly for each loop to report).
    public func snapshot() -> SwarmSnapshot {
        let now = MonotonicClock.nanoseconds()
        let begin = startedAt.load(ordering: .relaxed)
        var snapshot = SwarmSnapshot(elapsedSeconds: begin == 0 ? 0 : Double(max(0, now - begin)) / 1e9,
                                     bots: configuration.count)
        let grace = configuration.welcomeGrace.components.seconds * 1_000_000_000
            + configuration.welcomeGrace.components.attoseconds / 1_000_000_000
        for part in onEveryCrew({ $0.tally(now: now, graceNanoseconds: grace) }) { snapshot.add(part) }
        return snapshot
    }

    /// Stops every bot (closing its connection with 1000), waits up to `timeout` for the sockets to close, stops
    /// the loops and returns the final snapshot (with `live` as it was just before stopping). Call it once.
    public func stop(timeout: Duration = .seconds(5)) -> SwarmSnapshot {
        let live = snapshot().live
        _ = onEveryCrew { crew in
            for bot in crew.bots { bot.stop() }
        }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, onEveryCrew({ $0.unfinished }).reduce(0, +) > 0 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        var final = snapshot()
        final.live = live
        group.shutdown()
        return final
    }

    /// Runs `body` on every crew's loop and returns the results in crew order.
    private func onEveryCrew<T: Sendable>(_ body: @escaping @Sendable (BotCrew) -> T) -> [T] {
        let results = Mutex<[Int: T]>([:])
        let done = DispatchSemaphore(value: 0)
        var asked = 0
        for (index, crew) in crews.enumerated() {
            let accepted = crew.loop.execute {
                let value = body(crew)
                results.withLock { $0[index] = value }
                done.signal()
            }
            if accepted { asked += 1 }
        }
        for _ in 0..<asked { done.wait() }
        return results.withLock { collected in crews.indices.compactMap { collected[$0] } }
    }

    private static func makeBot(_ index: Int, configuration: SwarmConfiguration, loop: EventLoop) -> Bot {
        let seed = ClientRandom.derive(seed: configuration.seed, index: UInt64(index))
        let address: GameAddress
        do {
            address = try GameAddress(host: configuration.host, port: configuration.port,
                                      universe: configuration.universe(of: index))
        } catch {
            preconditionFailure("validated universe name refused: \(error)")
        }
        var client = ClientConfiguration(address: address, role: .player, displayName: "bot-\(index)",
                                         ticket: configuration.ticket, seed: seed ^ 0x5EED)
        client.reconnect = configuration.reconnect
        let phase = Duration.nanoseconds(Int64(seed % UInt64(BotBrain.decisionIntervalNanoseconds)))
        return Bot(connection: ClientConnection(loop: loop, configuration: client),
                   brain: BotBrain(behavior: configuration.behavior(of: index), seed: seed),
                   player: configuration.brain?(index, seed), phase: phase)
    }
}
