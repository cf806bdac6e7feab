import Testing
@testable import OrreryWebSocket

/// Framing violations: each fails the connection with the right error and close code.
@Suite struct FrameRuleTests {
    private func expectFailure(_ input: [UInt8], _ error: WebSocketError, role: Role = .server,
                               configuration: WebSocketConfiguration = WebSocketConfiguration(),
                               sourceLocation: SourceLocation = #_sourceLocation) {
        for chunk in [Int.max, 1] {
            var driver = Driver(role: role, configuration: configuration)
            driver.feed(input, chunk: chunk)
            #expect(driver.events.last == .failed(error), sourceLocation: sourceLocation)
            #expect(driver.machine.state == .closed, sourceLocation: sourceLocation)
            #expect(driver.replyCloseCode == error.closeCode.rawValue, sourceLocation: sourceLocation)
        }
    }

    @Test func reservedBitsAreProtocolErrors() {
        for bits: UInt8 in [0x40, 0x20, 0x10, 0x70] {
            expectFailure(rawHeader(0x81 | bits, length: 0), .reservedBitsSet(bits >> 4))
        }
        #expect(WebSocketError.reservedBitsSet(4).closeCode == .protocolError)
    }

    @Test func reservedOpcodesAreProtocolErrors() {
        for opcode: UInt8 in [3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF] {
            expectFailure(rawHeader(0x80 | opcode, length: 0), .reservedOpcode(opcode))
        }
    }

    @Test func maskingFollowsTheRole() {
        expectFailure(frame(.text, bytes("hi"), mask: nil), .unmaskedFrame, role: .server)
        expectFailure(frame(.text, bytes("hi")), .maskedFrame, role: .client)
    }

    @Test func sixtyFourBitLengthWithTopBitIsRejected() {
        let header: [UInt8] = [0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4]
        expectFailure(header, .invalidPayloadLength)
    }

    @Test func controlFramesAreShortAndFinal() {
        expectFailure([0x89, 0xFE, 0, 126, 1, 2, 3, 4], .controlFrameTooLong(126))
        expectFailure([0x88, 0xFF, 0, 0, 0, 0, 0, 0, 0, 200], .controlFrameTooLong(200))
        expectFailure(rawHeader(0x09, length: 1) + [0x55], .fragmentedControlFrame)
        expectFailure(rawHeader(0x0A, length: 0), .fragmentedControlFrame)
        var driver = Driver()
        driver.feed(frame(.ping, [UInt8](repeating: 7, count: 125)))
        #expect(driver.events == [.ping([UInt8](repeating: 7, count: 125)[...])])
    }

    @Test func continuationRules() {
        expectFailure(frame(.continuation, bytes("x")), .unexpectedContinuation)
        expectFailure(frame(.text, bytes("a"), fin: false) + frame(.text, bytes("b")), .expectedContinuation)
        expectFailure(frame(.binary, bytes("a"), fin: false) + frame(.binary, bytes("b")), .expectedContinuation)
        expectFailure(frame(.text, bytes("a")) + frame(.continuation, bytes("b")), .unexpectedContinuation)
    }

    @Test func messageCapIsCheckedFromTheDeclaredLength() {
        let small = WebSocketConfiguration(maxMessageSize: 10)
        // Only the header arrives: the declared length alone fails the message.
        let header = rawHeader(0x82, length: 127) + [0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4]
        expectFailure(header, .messageTooBig(limit: 1 << 20))
        expectFailure(frame(.binary, [UInt8](repeating: 1, count: 11)), .messageTooBig(limit: 10), configuration: small)
        let fragments = frame(.text, bytes("abcdef"), fin: false) + frame(.continuation, bytes("ghijk"))
        expectFailure(fragments, .messageTooBig(limit: 10), configuration: small)
        var exact = Driver(configuration: small)
        exact.feed(frame(.binary, [UInt8](repeating: 1, count: 10)))
        #expect(exact.events == [.binary([UInt8](repeating: 1, count: 10)[...])])
        #expect(WebSocketError.messageTooBig(limit: 1).closeCode == .messageTooBig)
    }

    @Test func fragmentCapCountsFramesOfOneMessage() {
        let three = WebSocketConfiguration(maxFragments: 3)
        let allowed = frame(.binary, [1], fin: false) + frame(.continuation, [2], fin: false) + frame(.continuation, [3])
        var driver = Driver(configuration: three)
        driver.feed(allowed + allowed)
        #expect(driver.events == [.binary([1, 2, 3]), .binary([1, 2, 3])])
        let tooMany = frame(.binary, [1], fin: false) + frame(.continuation, [2], fin: false)
            + frame(.continuation, [3], fin: false) + frame(.continuation, [4])
        expectFailure(tooMany, .tooManyFragments(limit: 3), configuration: three)
        var defaults = [UInt8]()
        for _ in 0..<1024 { defaults += frame(.continuation, [], fin: false) }
        expectFailure(frame(.binary, [], fin: false) + defaults, .tooManyFragments(limit: 1024))
    }

    @Test func errorsDescribeThemselves() {
        let all: [WebSocketError] = [
            .reservedBitsSet(1), .reservedOpcode(3), .unmaskedFrame, .maskedFrame, .invalidPayloadLength,
            .controlFrameTooLong(126), .fragmentedControlFrame, .unexpectedContinuation, .expectedContinuation,
            .messageTooBig(limit: 1), .tooManyFragments(limit: 2), .invalidUTF8, .closePayloadTooShort,
            .invalidCloseCode(999), .invalidCloseReason,
        ]
        #expect(Set(all.map(\.description)).count == all.count)
        #expect(all.filter { $0.closeCode == .invalidPayloadData } == [.invalidUTF8, .invalidCloseReason])
    }
}
