import FuzzSupport
import OrreryServer

/// Fuzzes ticket verification (every connection in ticket mode presents one) and minting.
///
/// Input: bytes 0-3 a player id, bytes 4-7 an expiry, byte 8 a universe-name length, then that many bytes of
/// name, byte 9+ a position and a replacement byte; the whole input is also tried as a ticket text. Properties:
/// - a text that verifies is exactly the minted text of its ticket, and verifies for its own universe;
/// - a minted ticket verifies until its expiry, is refused at it and for another universe, and any one changed
///   byte makes it refused.
enum TicketFuzzer {
    static let authority = TicketAuthority(secret: "orrery fuzzing secret")
    static let now: Int64 = 1_800_000_000

    static func run(_ input: inout FuzzInput) {
        checkText(String(decoding: input.bytes, as: UTF8.self))
        let playerId = input.u32()
        let expiry = Int64(input.u32())
        let name = String(decoding: input.take(input.below(40)), as: UTF8.self)
        let position = Int(input.byte())
        let replacement = input.byte()
        guard let ticket = try? Ticket(playerId: playerId, universe: name, expiry: expiry) else {
            return fuzzCheck(!Ticket.isValidUniverse(name) || expiry < 0, "a valid ticket refused: \(name)")
        }
        let minted = authority.mint(ticket)
        fuzzCheck((try? authority.verify(minted, universe: name, now: expiry - 1)) == ticket, "minted \(minted) refused")
        fuzzCheck(refusal(minted, now: expiry) == .expired(expiry: expiry, now: expiry), "\(minted) not expired")
        fuzzCheck(refusal(minted, universe: name + "x", now: expiry - 1) != nil, "\(minted) valid for another universe")
        var changed = Array(minted.utf8)
        let index = position % changed.count
        guard changed[index] != replacement else { return }
        changed[index] = replacement
        let forged = String(decoding: changed, as: UTF8.self)
        fuzzCheck(refusal(forged, now: expiry - 1) != nil, "\(forged) accepted, changed from \(minted)")
    }

    /// Whatever `text` is, a ticket it verifies as is the one it spells.
    static func checkText(_ text: String) {
        guard let ticket = try? authority.verify(text, now: now) else { return }
        fuzzCheck(authority.mint(ticket) == text, "\(text) accepted but mints as \(authority.mint(ticket))")
        fuzzCheck(refusal(text, universe: ticket.universe, now: now) == nil, "\(text) refused for its universe")
    }

    static func refusal(_ text: String, universe: String? = nil, now: Int64) -> TicketError? {
        do throws(TicketError) {
            _ = try authority.verify(text, universe: universe, now: now)
            return nil
        } catch {
            return error
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    TicketFuzzer.run(&input)
    return 0
}
