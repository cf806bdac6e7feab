/// What a `UniverseHost` has done since it started; the glue turns these into metrics.
public struct HostCounters: Sendable, Equatable {
    /// Ticks stepped.
    public var ticks: UInt64 = 0
    /// Event frames and resets sent to connected sessions.
    public var framesSent: UInt64 = 0
    /// Sessions created by a join.
    public var joins: UInt64 = 0
    /// Resumes replayed from the history.
    public var resumesReplayed: UInt64 = 0
    /// Resumes answered with a reset.
    public var resumesReset: UInt64 = 0
    /// Resumes refused (4003).
    public var resumesRejected: UInt64 = 0
    /// Sessions ended after their grace period.
    public var sessionsExpired: UInt64 = 0
    /// Inputs and pings dropped by the rate limit.
    public var inputsRateLimited: UInt64 = 0
    /// Joins refused because the universe was full (4002) or the role is not allowed (4010).
    public var joinsRefused: UInt64 = 0
    /// Game commands received (version 2), refused or not.
    public var commandsReceived: UInt64 = 0
    /// Refused or dropped commands, by reason (indexed like `CommandRejection.allCases`).
    public var commandsRejected = [UInt64](repeating: 0, count: CommandRejection.allCases.count)
    /// Refused client messages, by kind (indexed like `ProtocolErrorKind.allCases`).
    public var protocolErrors = [UInt64](repeating: 0, count: ProtocolErrorKind.allCases.count)

    /// A zeroed set.
    public init() {}

    /// The count of one protocol error kind.
    public func protocolErrors(_ kind: ProtocolErrorKind) -> UInt64 {
        protocolErrors[ProtocolErrorKind.allCases.firstIndex(of: kind)!]
    }

    /// The count of one command rejection reason.
    public func commandsRejected(_ reason: CommandRejection) -> UInt64 {
        commandsRejected[CommandRejection.allCases.firstIndex(of: reason)!]
    }

    mutating func count(_ reason: CommandRejection) {
        commandsRejected[CommandRejection.allCases.firstIndex(of: reason)!] &+= 1
    }

    mutating func count(_ kind: ProtocolErrorKind) {
        protocolErrors[ProtocolErrorKind.allCases.firstIndex(of: kind)!] &+= 1
    }
}
