import OrreryClient
import OrreryNet
import OrreryPosix

/// The bots living on one loop. Loop-confined: touched only in closures run on `loop`.
final class BotCrew: @unchecked Sendable {
    let loop: EventLoop
    var bots: [Bot] = []

    init(loop: EventLoop) {
        self.loop = loop
    }

    /// This crew's share of a snapshot taken at `now` (monotonic nanoseconds): started bots whose start is at
    /// least `graceNanoseconds` old and who were never welcomed count as `neverLive`.
    func tally(now: Int64, graceNanoseconds: Int64) -> SwarmSnapshot.Part {
        var part = SwarmSnapshot.Part()
        for bot in bots {
            guard let startedAt = bot.startedAt else { continue }
            part.started += 1
            let connection = bot.connection
            if connection.state == .live { part.live += 1 }
            if bot.everLive { part.welcomed += 1 }
            if !bot.everLive, now - startedAt >= graceNanoseconds { part.neverLive += 1 }
            if let reason = connection.stopReason { part.stopReasons[reason, default: 0] += 1 }
            if !bot.everLive, connection.stopReason == nil, let failure = connection.lastFailure { part.failureCauses[failure, default: 0] += 1 }
            part.statistics.merge(connection.statistics)
            part.byBehavior[bot.behavior, default: ClientStatistics()].merge(connection.statistics)
        }
        return part
    }

    /// Bots that are stopping but still have a socket open or opening.
    var unfinished: Int {
        bots.reduce(0) { $0 + ($1.connection.isFinished || $1.startedAt == nil ? 0 : 1) }
    }
}
