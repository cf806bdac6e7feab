/// Why a ticket was refused. `httpStatus` gives the status a handshake answers with.
public enum TicketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which part of a ticket's text is unusable.
    public enum Part: String, Sendable, Hashable {
        /// The whole text: too long, or not five dot-separated fields.
        case layout
        /// The first field is not `v1`.
        case version
        /// Not a canonical decimal `UInt32` (no sign, no leading zeros).
        case playerId
        /// Not 1-32 characters from `a-z0-9_-`.
        case universe
        /// Not a canonical non-negative decimal `Int64`.
        case expiry
        /// Not 64 lowercase hexadecimal digits.
        case signature
    }

    /// No ticket was presented.
    case missing
    /// The text is not a ticket.
    case malformed(Part)
    /// The signature does not match the fields (tampered, or signed with another secret).
    case badSignature
    /// The ticket expired at `expiry`; it was presented at `now` (both Unix seconds).
    case expired(expiry: Int64, now: Int64)
    /// The ticket is for universe `ticket` but was presented for `requested`.
    case wrongUniverse(ticket: String, requested: String)

    /// 401 for a missing, malformed or forged ticket; 403 for a genuine ticket that does not grant this access.
    public var httpStatus: Int {
        switch self {
        case .missing, .malformed, .badSignature: 401
        case .expired, .wrongUniverse: 403
        }
    }

    /// A short stable word for logs and metric labels (`missing`, `malformed`, `bad_signature`, `expired`,
    /// `wrong_universe`).
    public var reason: String {
        switch self {
        case .missing: "missing"
        case .malformed: "malformed"
        case .badSignature: "bad_signature"
        case .expired: "expired"
        case .wrongUniverse: "wrong_universe"
        }
    }

    public var description: String {
        switch self {
        case .missing: "no ticket"
        case .malformed(let part): "malformed ticket (\(part.rawValue))"
        case .badSignature: "ticket signature does not match"
        case .expired(let expiry, let now): "ticket expired at \(expiry) (now \(now))"
        case .wrongUniverse(let ticket, let requested):
            "ticket is for universe '\(ticket)', not '\(requested)'"
        }
    }
}
