import Testing
@testable import OrreryWebSocket

/// RFC 6455 section 5.7 examples, encoded and decoded.
@Suite struct FrameGoldenTests {
    static let hello = bytes("Hello")
    static let rfcKey = MaskKey(0x37, 0xFA, 0x21, 0x3D)
    static let unmaskedHello: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
    static let maskedHello: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
    static let fragmentedHello: [UInt8] = [0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F]
    static let unmaskedPing: [UInt8] = [0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
    static let maskedPong: [UInt8] = [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
    static let binary256 = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    static let binary65536 = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 13) }

    /// Decodes with a FrameDecoder and returns (header, concatenated payload) per frame.
    private func decode(_ input: [UInt8], role: Role, chunk: Int = Int.max) throws -> [(FrameHeader, [UInt8])] {
        var decoder = FrameDecoder(role: role)
        var frames: [(FrameHeader, [UInt8])] = []
        var start = 0
        while start < input.count {
            var buffer = Array(input[start..<min(input.count, start &+ chunk)])
            var index = 0
            while let event = try decoder.next(in: &buffer, index: &index, end: buffer.count) {
                switch event {
                case .header(let header): frames.append((header, []))
                case .payload(let range, _): frames[frames.count - 1].1 += buffer[range]
                }
            }
            start += buffer.count
        }
        return frames
    }

    @Test func encodesTheRFCExamples() {
        var out: [UInt8] = []
        FrameEncoder.append(.text, payload: Self.hello, to: &out)
        #expect(out == Self.unmaskedHello)
        out = []
        FrameEncoder.append(.text, payload: Self.hello, maskKey: Self.rfcKey, to: &out)
        #expect(out == Self.maskedHello)
        out = []
        FrameEncoder.append(.text, payload: bytes("Hel"), fin: false, to: &out)
        FrameEncoder.append(.continuation, payload: bytes("lo"), to: &out)
        #expect(out == Self.fragmentedHello)
        out = []
        FrameEncoder.append(.ping, payload: Self.hello, to: &out)
        #expect(out == Self.unmaskedPing)
        out = []
        FrameEncoder.append(.pong, payload: Self.hello, maskKey: Self.rfcKey, to: &out)
        #expect(out == Self.maskedPong)
        out = []
        FrameEncoder.append(.binary, payload: Self.binary256, to: &out)
        #expect(Array(out.prefix(4)) == [0x82, 0x7E, 0x01, 0x00])
        #expect(Array(out.dropFirst(4)) == Self.binary256)
        out = []
        FrameEncoder.append(.binary, payload: Self.binary65536, to: &out)
        #expect(Array(out.prefix(10)) == [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0])
        #expect(out.count == 65546)
        #expect(FrameHeader(opcode: .binary, payloadLength: 65536).encodedLength == 10)
        #expect(FrameHeader(opcode: .binary, maskKey: Self.rfcKey, payloadLength: 126).encodedLength == 8)
    }

    @Test(arguments: [Int.max, 1, 2, 3, 5])
    func decodesTheRFCExamples(chunk: Int) throws {
        let asClient = try decode(Self.unmaskedHello + Self.fragmentedHello + Self.unmaskedPing, role: .client, chunk: chunk)
        #expect(asClient.map(\.0.opcode) == [.text, .text, .continuation, .ping])
        #expect(asClient.map(\.0.fin) == [true, false, true, true])
        #expect(asClient.map(\.1) == [Self.hello, bytes("Hel"), bytes("lo"), Self.hello])
        let asServer = try decode(Self.maskedHello + Self.maskedPong, role: .server, chunk: chunk)
        #expect(asServer.map(\.0.opcode) == [.text, .pong])
        #expect(asServer.map(\.0.maskKey) == [Self.rfcKey, Self.rfcKey])
        #expect(asServer.map(\.1) == [Self.hello, Self.hello])
    }

    @Test(arguments: [Int.max, 1, 7, 1000])
    func decodesLongLengths(chunk: Int) throws {
        var stream: [UInt8] = []
        FrameEncoder.append(.binary, payload: Self.binary256, to: &stream)
        FrameEncoder.append(.binary, payload: Self.binary65536, to: &stream)
        let frames = try decode(stream, role: .client, chunk: chunk)
        #expect(frames.map(\.0.payloadLength) == [256, 65536])
        #expect(frames[0].1 == Self.binary256)
        #expect(frames[1].1 == Self.binary65536)
    }

    @Test func maskedPayloadUnmasksPieceByPieceAtAnyOffset() throws {
        let payload = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        let stream = frame(.binary, payload, mask: MaskKey(0x9A, 0x01, 0xFF, 0x42))
        for chunk in [1, 2, 3, 4, 5, 13, 299] {
            let frames = try decode(stream, role: .server, chunk: chunk)
            #expect(frames.count == 1)
            #expect(frames[0].1 == payload, "chunk \(chunk)")
        }
    }

    @Test(arguments: [Int.max, 1, 3])
    func machineDeliversTheRFCExamples(chunk: Int) {
        var client = Driver(role: .client)
        client.feed(Self.unmaskedHello + Self.fragmentedHello + Self.unmaskedPing, chunk: chunk)
        #expect(client.events == [.text(Self.hello[...]), .text(Self.hello[...]), .ping(Self.hello[...])])
        let pong = client.replies
        #expect(pong.count == 1 && pong[0].0 == .pong && pong[0].1 == Self.hello)
        #expect(Array(client.outbound.prefix(6)) == [0x8A, 0x85, 0xA1, 0xB2, 0xC3, 0xD4])

        var server = Driver(role: .server)
        var stream = Self.maskedHello + Self.maskedPong
        FrameEncoder.append(.binary, payload: Self.binary256, maskKey: Self.rfcKey, to: &stream)
        FrameEncoder.append(.binary, payload: Self.binary65536, maskKey: Self.rfcKey, to: &stream)
        server.feed(stream, chunk: chunk == Int.max ? chunk : chunk * 997)
        #expect(server.events == [.text(Self.hello[...]), .pong(Self.hello[...]),
                                  .binary(Self.binary256[...]), .binary(Self.binary65536[...])])
        #expect(server.outbound.isEmpty)
        #expect(server.machine.state == .open)
    }
}
