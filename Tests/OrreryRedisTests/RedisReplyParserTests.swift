import Testing
import TestSupport
@testable import OrreryRedis

/// Feeds a parser in chunks and collects every reply, or the error that stopped it.
private struct Feeder {
    var parser = RedisReplyParser()
    var replies: [RedisValue] = []
    var error: RedisProtocolError?

    mutating func feed(_ bytes: [UInt8], chunk: Int = .max) {
        var offset = 0
        while offset < bytes.count, error == nil {
            let end = offset + min(chunk, bytes.count - offset)
            parser.append(bytes[offset..<end])
            offset = end
            do throws(RedisProtocolError) {
                while let value = try parser.next() { replies.append(value) }
            } catch {
                self.error = error
            }
        }
    }

    /// Feeds in random chunk sizes from 1 to `maximum`.
    mutating func feed(_ bytes: [UInt8], randomChunksUpTo maximum: Int, random: inout TestRandom) {
        var offset = 0
        while offset < bytes.count, error == nil {
            let size = Int(random.next(upTo: UInt64(maximum))) + 1
            let end = min(bytes.count, offset + size)
            feed(Array(bytes[offset..<end]))
            offset = end
        }
    }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Writes a value the way a RESP3 server does (the tests' own encoder, independent of the parser).
private func wire(_ value: RedisValue) -> [UInt8] {
    func line(_ type: Character, _ text: String) -> [UInt8] { bytes("\(type)\(text)\r\n") }
    func aggregate(_ type: Character, _ values: [RedisValue]) -> [UInt8] {
        line(type, String(values.count)) + values.flatMap(wire)
    }
    switch value {
    case .simple(let text): return line("+", text)
    case .error(let text): return line("-", text)
    case .integer(let number): return line(":", String(number))
    case .bulk(let payload): return line("$", String(payload.count)) + payload + [13, 10]
    case .null: return bytes("_\r\n")
    case .array(let values): return aggregate("*", values)
    case .double(let number): return line(",", number == .infinity ? "inf" : number == -.infinity ? "-inf" : "\(number)")
    case .boolean(let flag): return line("#", flag ? "t" : "f")
    case .bigNumber(let digits): return line("(", digits)
    case .verbatim(let format, let text):
        return line("=", String(text.count + 4)) + bytes(format + ":") + text + [13, 10]
    case .map(let pairs): return line("%", String(pairs.count)) + pairs.flatMap { wire($0.key) + wire($0.value) }
    case .set(let values): return aggregate("~", values)
    case .push(let values): return aggregate(">", values)
    }
}

/// A random reply tree: every type, binary payloads (CR and LF included), nesting up to `depth`.
private func randomValue(_ random: inout TestRandom, depth: Int) -> RedisValue {
    let kinds = depth > 0 ? 13 : 9
    switch random.next(upTo: UInt64(kinds)) {
    case 0: return .simple(String(repeating: "k", count: Int(random.next(upTo: 20))))
    case 1: return .error("ERR code \(random.next(upTo: 1000))")
    case 2: return .integer(Int64(bitPattern: random.next()))
    case 3: return .bulk((0..<random.next(upTo: 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    case 4: return .null
    case 5: return .double(Double(Int64(random.next(upTo: 2_000_000)) - 1_000_000) / 64)
    case 6: return .boolean(random.next(upTo: 2) == 0)
    case 7: return .bigNumber("-" + String(random.next()) + String(random.next()))
    case 8: return .verbatim(format: "txt", text: bytes("line\r\nnext \(random.next(upTo: 99))"))
    case 9: return .array((0..<random.next(upTo: 5)).map { _ in randomValue(&random, depth: depth - 1) })
    case 10: return .set((0..<random.next(upTo: 5)).map { _ in randomValue(&random, depth: depth - 1) })
    case 11: return .push((0..<random.next(upTo: 4)).map { _ in randomValue(&random, depth: depth - 1) })
    default:
        return .map((0..<random.next(upTo: 4)).map { _ in
            RedisPair(key: randomValue(&random, depth: depth - 1), value: randomValue(&random, depth: depth - 1))
        })
    }
}

@Suite struct RedisReplyParserTests {
    static let vectors: [(String, RedisValue)] = [
        ("+OK\r\n", .simple("OK")),
        ("-WRONGTYPE Operation against a key\r\n", .error("WRONGTYPE Operation against a key")),
        (":-42\r\n", .integer(-42)),
        ("$5\r\nhe\r\no\r\n", .bulk(bytes("he\r\no"))),
        ("$0\r\n\r\n", .bulk([])),
        ("$-1\r\n", .null),
        ("*-1\r\n", .null),
        ("_\r\n", .null),
        ("*2\r\n$3\r\nfoo\r\n:1\r\n", .array([.bulk(bytes("foo")), .integer(1)])),
        ("*0\r\n", .array([])),
        (",3.25\r\n", .double(3.25)),
        (",-inf\r\n", .double(-.infinity)),
        ("#t\r\n", .boolean(true)),
        ("(3492890328409238509324850943850943825024385\r\n", .bigNumber("3492890328409238509324850943850943825024385")),
        ("=15\r\ntxt:Some string\r\n", .verbatim(format: "txt", text: bytes("Some string"))),
        ("!21\r\nSYNTAX invalid syntax\r\n", .error("SYNTAX invalid syntax")),
        ("%1\r\n+a\r\n:1\r\n", .map([RedisPair(key: .simple("a"), value: .integer(1))])),
        ("~2\r\n+a\r\n+b\r\n", .set([.simple("a"), .simple("b")])),
        (">2\r\n+message\r\n+hi\r\n", .push([.simple("message"), .simple("hi")])),
        ("|1\r\n+ttl\r\n:3600\r\n*1\r\n:7\r\n", .array([.integer(7)])),
    ]

    @Test(arguments: [Int.max, 1, 2, 7])
    func everyVectorParsesInAnyChunking(chunk: Int) {
        let stream = Self.vectors.flatMap { bytes($0.0) }
        var feeder = Feeder()
        feeder.feed(stream, chunk: chunk)
        #expect(feeder.error == nil)
        #expect(feeder.replies == Self.vectors.map(\.1))
        #expect(feeder.parser.bufferedByteCount == 0)
    }

    @Test func anIncompleteReplyWaitsForItsLastByte() throws {
        var parser = RedisReplyParser()
        let reply = bytes("*2\r\n$5\r\nhello\r\n:9\r\n")
        parser.append(reply.dropLast())
        #expect(try parser.next() == nil)
        #expect(parser.bufferedByteCount == reply.count - 1)
        parser.append(reply.suffix(1))
        #expect(try parser.next() == .array([.bulk(bytes("hello")), .integer(9)]))
        #expect(try parser.next() == nil)
    }

    @Test(arguments: 0..<40)
    func randomReplyTreesSurviveRandomChunking(seed: Int) {
        var random = TestRandom(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15)
        let values = (0..<20).map { _ in randomValue(&random, depth: 4) }
        let stream = values.flatMap(wire)
        var feeder = Feeder()
        feeder.feed(stream, randomChunksUpTo: 1 + seed * 7, random: &random)
        #expect(feeder.error == nil)
        #expect(feeder.replies == values)
    }

    static let malformed: [(String, RedisProtocolError)] = [
        ("?oops\r\n", .unknownType(UInt8(ascii: "?"))),
        ("$abc\r\n", .invalidLength("abc")),
        ("*-2\r\n", .invalidLength("-2")),
        (":12x\r\n", .invalidInteger("12x")),
        (",one\r\n", .invalidDouble("one")),
        ("#x\r\n", .invalidBoolean("x")),
        ("(12a\r\n", .invalidBigNumber("12a")),
        ("=3\r\ntxt\r\n", .invalidVerbatim),
        ("$3\r\nabcd\r\n", .missingTerminator),
        ("_x\r\n", .missingTerminator),
        ("$600000000\r\n", .bulkTooLong(length: 600_000_000, limit: 512 << 20)),
        ("*99999999\r\n", .tooManyElements(count: 99_999_999, limit: 16 << 20)),
    ]

    @Test(arguments: 0..<12)
    func malformedRepliesAreTypedErrors(index: Int) {
        let (text, expected) = Self.malformed[index]
        for chunk in [Int.max, 1] {
            var feeder = Feeder()
            feeder.feed(bytes(text), chunk: chunk)
            #expect(feeder.error == expected, "\(text.debugDescription) in chunks of \(chunk)")
            #expect(feeder.replies.isEmpty)
        }
    }

    @Test func aHugeBulkIsRefusedFromItsHeaderBeforeThePayload() {
        var parser = RedisReplyParser(limits: .init(maxBulkLength: 10))
        parser.append(bytes("$11\r\n"))
        #expect(throws: RedisProtocolError.bulkTooLong(length: 11, limit: 10)) { try parser.next() }
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        var parser = RedisReplyParser(limits: .init(maxDepth: 3))
        parser.append(bytes(String(repeating: "*1\r\n", count: 4) + ":1\r\n"))
        #expect(throws: RedisProtocolError.nestingTooDeep(limit: 3)) { try parser.next() }
        var shallow = RedisReplyParser(limits: .init(maxDepth: 3))
        shallow.append(bytes(String(repeating: "*1\r\n", count: 3) + ":1\r\n"))
        #expect(try shallow.next() == .array([.array([.array([.integer(1)])])]))
    }

    @Test func aLineWithoutCRLFIsRefusedAtTheLimit() throws {
        var parser = RedisReplyParser(limits: .init(maxLineLength: 8))
        parser.append(bytes("+12345678"))
        #expect(try parser.next() == nil)
        parser.append(bytes("9"))
        #expect(try parser.next() == nil)
        parser.append(bytes("0"))
        #expect(throws: RedisProtocolError.lineTooLong(limit: 8)) { try parser.next() }
        var exact = RedisReplyParser(limits: .init(maxLineLength: 8))
        exact.append(bytes("+12345678\r\n"))
        #expect(try exact.next() == .simple("12345678"))
    }

    @Test func aFailedParserStaysFailed() {
        var parser = RedisReplyParser()
        parser.append(bytes("?\r\n"))
        #expect(throws: RedisProtocolError.unknownType(UInt8(ascii: "?"))) { try parser.next() }
        parser.append(bytes("+OK\r\n"))
        #expect(throws: RedisProtocolError.unknownType(UInt8(ascii: "?"))) { try parser.next() }
    }

    @Test(arguments: 0..<20)
    func randomGarbageGivesTheSameOutcomeInAnyChunking(seed: Int) {
        var random = TestRandom(seed: UInt64(seed) + 1000)
        let alphabet = bytes("+-:$*_,#(!=%~>|\r\n0123456789-abc")
        let garbage = (0..<2000).map { _ in alphabet[Int(random.next(upTo: UInt64(alphabet.count - 1)))] }
        let limits = RedisReplyParser.Limits(maxBulkLength: 4096, maxElements: 64, maxDepth: 8)
        var whole = Feeder(parser: RedisReplyParser(limits: limits))
        whole.feed(garbage)
        var chunked = Feeder(parser: RedisReplyParser(limits: limits))
        chunked.feed(garbage, randomChunksUpTo: 64, random: &random)
        #expect(chunked.replies == whole.replies)
        #expect(chunked.error == whole.error)
    }

    @Test func commandsEncodeAsArraysOfBulkStrings() {
        #expect(RedisCommand("SET", "k", "").encoded == bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n"))
        #expect(RedisCommand(bytes: [[0, 13, 10]]).encoded == [UInt8](bytes("*1\r\n$3\r\n")) + [0, 13, 10, 13, 10])
        #expect(RedisCommand("get", "secret").description == "GET")
    }

    @Test func scriptsAreNamedByTheirSHA1() {
        #expect(RedisScript("return 1").sha1 == "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
    }
}
