/// What a signed ticket grants: one player, one universe, until an expiry time.
///
/// Its signed text is `v1.<playerId>.<universe>.<expiry>`; `TicketAuthority` appends the signature.
public struct Ticket: Sendable, Hashable, CustomStringConvertible {
    /// The longest universe name a ticket may carry.
    public static let maximumUniverseLength = 32

    /// The player the ticket admits.
    public let playerId: UInt32
    /// The universe it admits to: 1-32 characters from `a-z`, `0-9`, `_` and `-`.
    public let universe: String
    /// Unix time in seconds at which the ticket stops being valid (valid while `now < expiry`).
    public let expiry: Int64

    /// A ticket, or `TicketError.malformed` if `universe` is not a valid name or `expiry` is negative.
    public init(playerId: UInt32, universe: String, expiry: Int64) throws(TicketError) {
        guard Ticket.isValidUniverse(universe) else { throw .malformed(.universe) }
        guard expiry >= 0 else { throw .malformed(.expiry) }
        self.playerId = playerId
        self.universe = universe
        self.expiry = expiry
    }

    /// The text the signature covers: `v1.<playerId>.<universe>.<expiry>`.
    public var signedText: String {
        "v1.\(playerId).\(universe).\(expiry)"
    }

    public var description: String { signedText }

    /// Whether `name` is 1-32 characters from `a-z`, `0-9`, `_` and `-`.
    public static func isValidUniverse<Name: StringProtocol>(_ name: Name) -> Bool {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= maximumUniverseLength else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
