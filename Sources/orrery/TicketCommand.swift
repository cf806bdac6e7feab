import Foundation
import OrreryServer

/// `orrery ticket`: mints a signed ticket that admits one player to one universe.
struct TicketCommand: Command {
    let name = "ticket"
    let summary = "print a signed ticket admitting one player to one universe"
    let discussion = """
        Prints v1.<player>.<universe>.<expiry>.<signature> on stdout: the signature is HMAC-SHA256 under the \
        server's ticket secret, and the expiry is Unix seconds. Clients present the ticket when they connect; \
        the server must run with the same secret. Prefer ORRERY_TICKET_SECRET to --secret, which other users \
        can see in the process list.

        Examples:
          ORRERY_TICKET_SECRET=s3cret orrery serve &             # a server in ticket mode
          ORRERY_TICKET_SECRET=s3cret orrery ticket --player 42 --universe demo --ttl 2h
          orrery bots --count 1 --ticket "$(ORRERY_TICKET_SECRET=s3cret orrery ticket --player 7 --universe demo)"
        """
    let options: [OptionSpec] = [
        .value("player", "ID", help: "Required: the player id, from 0 to 4294967295."),
        .value("universe", "NAME", help: "Required: the universe, 1-32 characters from a-z, 0-9, _ and -."),
        .value("ttl", "DURATION", default: "1h",
               help: "How long the ticket stays valid: a whole number with s, m, h or d (seconds when bare)."),
        .value("secret", "S", env: "ORRERY_TICKET_SECRET", help: "The ticket secret shared with the server."),
    ]
    /// The current Unix time in seconds.
    var now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    /// Receives the ticket.
    var output: @Sendable (String) -> Void = { print($0) }

    func run(_ options: ParsedOptions) throws -> Int32 {
        output(try ticket(options))
        return 0
    }

    /// The ticket the options ask for.
    func ticket(_ options: ParsedOptions) throws(UsageError) -> String {
        let player = UInt32(try options.int("player", in: 0...Int(UInt32.max)))
        let universe = try options.required("universe")
        guard Ticket.isValidUniverse(universe) else {
            throw .invalidValue(option: "universe", value: universe,
                                expected: "a universe name (1-32 characters from a-z, 0-9, _ and -)")
        }
        let ttl = try Self.ttlSeconds(options.string("ttl") ?? "")
        guard let secret = options.string("secret"), !secret.isEmpty else {
            throw .invalidValue(option: "secret", value: "",
                                expected: "a usable secret: give a non-empty --secret or set ORRERY_TICKET_SECRET")
        }
        let (expiry, overflow) = now().addingReportingOverflow(ttl)
        guard !overflow else {
            throw .invalidValue(option: "ttl", value: options.string("ttl") ?? "", expected: "a representable ttl")
        }
        do {
            return try TicketAuthority(secret: secret).mint(playerId: player, universe: universe, expiry: expiry)
        } catch {
            throw .invalidValue(option: "ttl", value: options.string("ttl") ?? "", expected: "a ttl giving a valid expiry")
        }
    }

    /// Seconds in a duration such as `90`, `90s`, `15m`, `1h` or `7d` (positive, whole units).
    static func ttlSeconds(_ text: String) throws(UsageError) -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let (digits, scale) = text.last.flatMap { units[$0] }.map { (text.dropLast(), $0) } ?? (Substring(text), 1)
        guard let count = Int64(digits), count > 0, count <= Int64.max / scale else {
            throw .invalidValue(option: "ttl", value: text, expected: "a positive duration such as 90s, 15m, 1h or 7d")
        }
        return count * scale
    }
}
