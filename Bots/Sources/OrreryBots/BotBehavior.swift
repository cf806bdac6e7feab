/// How a bot plays.
public enum BotBehavior: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Random heading changes and throttle, occasional fire.
    case wander
    /// Steers toward the nearest visible ship and fires when roughly aligned; wanders when none is in view.
    case chase
    /// Joins and sends nothing (pings only).
    case idle
    /// Joins, plays briefly like `wander`, disconnects (cleanly or abruptly), then resumes or rejoins, again
    /// and again.
    case churn

    public var description: String { rawValue }

    /// Parses a comma-separated list such as `wander,chase`; nil if any name is unknown or the list is empty.
    public static func list(parsing text: String) -> [BotBehavior]? {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0.filter { $0 != " " }) }
        let behaviors = names.compactMap { BotBehavior(rawValue: $0) }
        return !names.isEmpty && behaviors.count == names.count ? behaviors : nil
    }
}
