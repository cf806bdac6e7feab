/// Why a host did not hand a game command to the rules; the `reason` label of `orrery_commands_rejected_total`.
public enum CommandRejection: String, Sendable, CaseIterable {
    /// The code is not in the schema's commands (error + close 4000).
    case unknownCode = "unknown_code"
    /// The payload is longer than the schema's `commandMaxBytes` (error + close 4000).
    case tooLong = "too_long"
    /// A text command whose payload is not UTF-8 (error + close 4000).
    case invalidUTF8 = "invalid_utf8"
    /// A spectator sent it (error + close 4000).
    case spectator = "spectator"
    /// Dropped by the input rate limit it shares with inputs and pings (1008 on sustained flooding).
    case rateLimited = "rate_limited"
    /// The universe refused it (the session's player has left).
    case refusedByUniverse = "refused"
}
