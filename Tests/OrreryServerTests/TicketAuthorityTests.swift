import Testing
import OrreryServer

@Suite struct TicketAuthorityTests {
    let authority = TicketAuthority(secret: "s3cret")
    /// HMAC-SHA256("s3cret", "v1.42.alpha.1700000000"), computed independently.
    let golden = "v1.42.alpha.1700000000.51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be"

    @Test func mintsTheDocumentedFormat() throws {
        #expect(try authority.mint(playerId: 42, universe: "alpha", expiry: 1_700_000_000) == golden)
        let ticket = try Ticket(playerId: 42, universe: "alpha", expiry: 1_700_000_000)
        #expect(authority.mint(ticket) == golden)
        #expect(ticket.signedText == "v1.42.alpha.1700000000")
    }

    @Test func verifiesAGenuineTicket() throws {
        let ticket = try authority.verify(golden, universe: "alpha", now: 1_699_999_999)
        #expect(ticket == (try Ticket(playerId: 42, universe: "alpha", expiry: 1_700_000_000)))
        #expect(try authority.verify(golden, now: 0).playerId == 42)
        let extremes = try authority.mint(playerId: UInt32.max, universe: "a_b-9", expiry: Int64.max)
        #expect(try authority.verify(extremes, universe: "a_b-9", now: 0).playerId == UInt32.max)
        let zero = try authority.mint(playerId: 0, universe: String(repeating: "z", count: 32), expiry: 5)
        #expect(try authority.verify(zero, now: 4).playerId == 0)
        let longest = try authority.mint(playerId: UInt32.max, universe: String(repeating: "z", count: 32),
                                         expiry: Int64.max)
        #expect(longest.utf8.count == 131)
        #expect(try authority.verify(longest, now: 0).expiry == Int64.max)
    }

    @Test func expiryBoundary() {
        #expect(throws: TicketError.expired(expiry: 1_700_000_000, now: 1_700_000_000)) {
            try authority.verify(golden, universe: "alpha", now: 1_700_000_000)
        }
        #expect(throws: TicketError.expired(expiry: 1_700_000_000, now: 1_800_000_000)) {
            try authority.verify(golden, universe: "alpha", now: 1_800_000_000)
        }
        #expect(TicketError.expired(expiry: 1, now: 2).httpStatus == 403)
    }

    @Test func wrongUniverseIsForbidden() {
        #expect(throws: TicketError.wrongUniverse(ticket: "alpha", requested: "beta")) {
            try authority.verify(golden, universe: "beta", now: 0)
        }
        #expect(TicketError.wrongUniverse(ticket: "a", requested: "b").httpStatus == 403)
    }

    /// Changing any signed field, or the signature, breaks the signature.
    @Test(arguments: [
        "v1.43.alpha.1700000000.51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be",
        "v1.42.alphb.1700000000.51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be",
        "v1.42.beta.1700000000.51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be",
        "v1.42.alpha.1700000001.51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be",
        "v1.42.alpha.9700000000.51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be",
        "v1.42.alpha.1700000000.61085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be",
        "v1.42.alpha.1700000000.51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83bf",
    ])
    func tamperedFieldsFailTheSignature(text: String) {
        #expect(throws: TicketError.badSignature) { try authority.verify(text, now: 0) }
        #expect(TicketError.badSignature.httpStatus == 401)
    }

    @Test func anotherSecretFailsTheSignature() {
        #expect(throws: TicketError.badSignature) {
            try TicketAuthority(secret: "other").verify(golden, universe: "alpha", now: 0)
        }
    }

    @Test func malformedTexts() {
        let signature = "51085de06c3d7630da9de11538d605d89a9c32ddb1aea5fd9f199f7c045d83be"
        let cases: [(String, TicketError.Part)] = [
            ("v1.42.alpha.1700000000", .layout),
            ("v1.42.alpha.1700000000.\(signature).x", .layout),
            ("v1.42.al.pha.1700000000.\(signature)", .layout),
            (golden + String(repeating: "0", count: 100), .layout),
            ("v2.42.alpha.1700000000.\(signature)", .version),
            ("V1.42.alpha.1700000000.\(signature)", .version),
            ("v1.042.alpha.1700000000.\(signature)", .playerId),
            ("v1.+42.alpha.1700000000.\(signature)", .playerId),
            ("v1..alpha.1700000000.\(signature)", .playerId),
            ("v1.4294967296.alpha.1700000000.\(signature)", .playerId),
            ("v1.-1.alpha.1700000000.\(signature)", .playerId),
            ("v1.42.Alpha.1700000000.\(signature)", .universe),
            ("v1.42..1700000000.\(signature)", .universe),
            ("v1.42.\(String(repeating: "a", count: 33)).1700000000.\(signature)", .universe),
            ("v1.42.al%20pha.1700000000.\(signature)", .universe),
            ("v1.42.dé.1700000000.\(signature)", .universe),
            ("v1.42.alpha.-1.\(signature)", .expiry),
            ("v1.42.alpha.01700000000.\(signature)", .expiry),
            ("v1.42.alpha.9223372036854775808.\(signature)", .expiry),
            ("v1.42.alpha.1700000000.\(signature.uppercased())", .signature),
            ("v1.42.alpha.1700000000.\(signature.dropLast())", .signature),
            ("v1.42.alpha.1700000000.\(signature)0", .signature),
            ("v1.42.alpha.1700000000.", .signature),
        ]
        for (text, part) in cases {
            #expect(throws: TicketError.malformed(part), "\(text)") { try authority.verify(text, now: 0) }
        }
        #expect(TicketError.malformed(.layout).httpStatus == 401)
    }

    @Test func missingTicket() {
        #expect(throws: TicketError.missing) { try authority.verify(nil, now: 0) }
        #expect(throws: TicketError.missing) { try authority.verify("", now: 0) }
        #expect(TicketError.missing.httpStatus == 401)
        #expect(TicketError.missing.reason == "missing")
    }

    @Test func mintingRefusesBadFields() {
        #expect(throws: TicketError.malformed(.universe)) {
            try authority.mint(playerId: 1, universe: "Not-Valid", expiry: 10)
        }
        #expect(throws: TicketError.malformed(.universe)) { try authority.mint(playerId: 1, universe: "", expiry: 10) }
        #expect(throws: TicketError.malformed(.expiry)) { try authority.mint(playerId: 1, universe: "a", expiry: -1) }
        #expect(Ticket.isValidUniverse("demo_1-x"))
        #expect(!Ticket.isValidUniverse("démo"))
    }
}
