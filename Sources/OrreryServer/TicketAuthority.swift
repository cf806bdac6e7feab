import OrreryDigest

/// Mints and verifies tickets signed with HMAC-SHA256 under one secret.
///
/// A ticket's text is `v1.<playerId>.<universe>.<expiry>.<signature>`, where the signature is the 64 lowercase hex
/// digits of HMAC-SHA256(secret, "v1.<playerId>.<universe>.<expiry>"). The text is URL-safe as is.
/// Verification checks, in order: layout, signature, expiry, universe.
public struct TicketAuthority: Sendable {
    /// The longest text `verify` will look at; anything longer is malformed without hashing.
    public static let maximumTicketLength = 160

    /// The HMAC keyed with the secret, copied per message.
    private let keyed: HMAC

    /// An authority for `secret`, which must not be empty.
    public init<Secret: Collection<UInt8>>(secret: Secret) {
        precondition(!secret.isEmpty, "a ticket secret must not be empty")
        keyed = HMAC(key: secret)
    }

    /// An authority for the UTF-8 bytes of `secret`, which must not be empty.
    public init(secret: String) {
        self.init(secret: Array(secret.utf8))
    }

    /// The signed text of `ticket`.
    public func mint(_ ticket: Ticket) -> String {
        let body = ticket.signedText
        return body + "." + signature(of: body)
    }

    /// The signed text of a new ticket, or `TicketError.malformed` for an invalid universe name or negative expiry.
    public func mint(playerId: UInt32, universe: String, expiry: Int64) throws(TicketError) -> String {
        mint(try Ticket(playerId: playerId, universe: universe, expiry: expiry))
    }

    /// The ticket in `text` if it is well formed, genuinely signed, not expired at `now` (Unix seconds), and for
    /// `universe` (any universe when `nil`).
    public func verify(_ text: String?, universe: String? = nil, now: Int64) throws(TicketError) -> Ticket {
        guard let text, !text.isEmpty else { throw .missing }
        guard text.utf8.count <= TicketAuthority.maximumTicketLength else { throw .malformed(.layout) }
        let fields = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard fields.count == 5 else { throw .malformed(.layout) }
        guard fields[0].elementsEqual("v1".utf8) else { throw .malformed(.version) }
        guard let playerId = Self.canonicalDecimal(fields[1]).flatMap({ UInt32(exactly: $0) }) else {
            throw .malformed(.playerId)
        }
        guard Ticket.isValidUniverse(Substring(fields[2])) else { throw .malformed(.universe) }
        guard let expiry = Self.canonicalDecimal(fields[3]).flatMap({ Int64(exactly: $0) }) else {
            throw .malformed(.expiry)
        }
        let given = fields[4]
        guard given.count == 2 * HMAC.byteCount, given.allSatisfy(Self.isLowercaseHexDigit) else {
            throw .malformed(.signature)
        }
        let ticket = try Ticket(playerId: playerId, universe: String(Substring(fields[2])), expiry: expiry)
        let expected = signature(of: ticket.signedText)
        guard HMAC.constantTimeEquals(expected.utf8, given) else { throw .badSignature }
        guard now < expiry else { throw .expired(expiry: expiry, now: now) }
        if let universe, universe != ticket.universe {
            throw .wrongUniverse(ticket: ticket.universe, requested: universe)
        }
        return ticket
    }

    /// The 64 lowercase hex digits of the HMAC of `body`.
    private func signature(of body: String) -> String {
        var hmac = keyed
        hmac.update(body.utf8)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * HMAC.byteCount)
        for byte in hmac.finalize() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The value of 1-19 ASCII digits without a leading zero (except `0` itself), else `nil`.
    private static func canonicalDecimal(_ digits: Substring.UTF8View) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        guard digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + UInt64(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
