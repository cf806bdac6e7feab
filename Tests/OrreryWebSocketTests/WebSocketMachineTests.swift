import Testing
@testable import OrreryWebSocket

@Suite struct WebSocketMachineTests {
    private func closeFrame(_ code: UInt16?, _ reason: [UInt8] = []) -> [UInt8] {
        let payload = code.map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } ?? []
        return frame(.close, payload + reason)
    }

    @Test func pingIsAnsweredWithPongCarryingTheSamePayload() {
        var driver = Driver()
        driver.feed(frame(.ping, bytes("are you there")) + frame(.ping, []))
        #expect(driver.events == [.ping(bytes("are you there")[...]), .ping([])])
        #expect(driver.replies.map(\.0) == [.pong, .pong])
        #expect(driver.replies.map(\.1) == [bytes("are you there"), []])
        #expect(Array(driver.outbound.prefix(2)) == [0x8A, 13])
    }

    @Test func pongIsReportedForHeartbeats() {
        var driver = Driver()
        driver.feed(frame(.pong, [9, 9]))
        #expect(driver.events == [.pong([9, 9])])
        #expect(driver.outbound.isEmpty)
    }

    @Test func peerCloseIsEchoedAndClosesTheTransport() {
        var driver = Driver()
        driver.feed(closeFrame(1001, bytes("bye")) + frame(.text, bytes("ignored")))
        #expect(driver.events == [.close(.goingAway, reason: bytes("bye")[...])])
        #expect(driver.replyCloseCode == 1001)
        #expect(driver.replies.count == 1 && driver.replies[0].1 == [0x03, 0xE9])
        #expect(driver.machine.state == .closed)
        var empty = Driver()
        empty.feed(closeFrame(nil))
        #expect(empty.events == [.close(nil, reason: [])])
        #expect(empty.replies.count == 1 && empty.replies[0].0 == .close && empty.replies[0].1.isEmpty)
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535])
    func invalidCloseCodesAreProtocolErrors(code: Int) {
        var driver = Driver()
        driver.feed(closeFrame(UInt16(code)))
        #expect(driver.events == [.failed(.invalidCloseCode(UInt16(code)))])
        #expect(driver.replyCloseCode == 1002)
    }

    @Test(arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999])
    func validCloseCodesAreEchoed(code: Int) {
        var driver = Driver()
        driver.feed(closeFrame(UInt16(code), bytes("reason")))
        #expect(driver.events == [.close(CloseCode(rawValue: UInt16(code)), reason: bytes("reason")[...])])
        #expect(driver.replyCloseCode == UInt16(code))
    }

    @Test func closeCodeValidityTable() {
        let valid = (0...5000).filter { CloseCode(rawValue: UInt16($0)).isValidInCloseFrame }
        #expect(valid == Array(1000...1003) + Array(1007...1011) + Array(3000...4999))
        #expect(CloseCode.messageTooBig.description == "1009 (message too big)")
        #expect(CloseCode(rawValue: 4321).name == "private use")
        #expect(CloseCode(rawValue: 1004).name == "reserved or unassigned")
    }

    @Test func malformedClosePayloads() {
        var short = Driver()
        short.feed(frame(.close, [0x03]))
        #expect(short.events == [.failed(.closePayloadTooShort)])
        #expect(short.replyCloseCode == 1002)
        var badReason = Driver()
        badReason.feed(closeFrame(1000, [0xCE, 0xBA, 0xED, 0xA0, 0x80]))
        #expect(badReason.events == [.failed(.invalidCloseReason)])
        #expect(badReason.replyCloseCode == 1007)
    }

    @Test func localCloseWaitsForThePeerAndIgnoresData() {
        var driver = Driver()
        let started = driver.machine.close(code: .goingAway, reason: "shutdown", to: &driver.outbound)
        #expect(started)
        #expect(driver.machine.state == .closing)
        #expect(driver.replies.count == 1 && driver.replies[0].1 == [0x03, 0xE9] + bytes("shutdown"))
        #expect(!driver.machine.send(.text, bytes("late"), to: &driver.outbound))
        let again = driver.machine.close(to: &driver.outbound)
        #expect(!again)
        driver.feed(frame(.text, bytes("ignored")) + frame(.ping, [1]) + frame(.binary, [1, 2], fin: false))
        #expect(driver.events.isEmpty)
        #expect(driver.machine.state == .closing)
        driver.feed(frame(.continuation, [3]) + closeFrame(1000))
        #expect(driver.events == [.close(.normalClosure, reason: [])])
        #expect(driver.replies.count == 1)
        #expect(driver.machine.state == .closed)
    }

    @Test func violationWhileClosingSendsNoSecondClose() {
        var driver = Driver()
        driver.machine.close(to: &driver.outbound)
        driver.feed(frame(.continuation, [1]))
        #expect(driver.events == [.failed(.unexpectedContinuation)])
        #expect(driver.replies.count == 1 && driver.replyCloseCode == 1000)
    }

    @Test func closeReasonIsCutAtACharacterBoundary() {
        var out: [UInt8] = []
        FrameEncoder.appendClose(code: .normalClosure, reason: String(repeating: "é", count: 100), to: &out)
        #expect(out[1] == 124)
        out = []
        FrameEncoder.appendClose(code: .abnormalClosure, reason: "never sent", to: &out)
        #expect(out == [0x88, 0x00])
    }

    @Test func controlFramesBetweenFragments() {
        let stream = frame(.text, bytes("Hel"), fin: false) + frame(.ping, bytes("p")) + frame(.pong, [])
            + frame(.continuation, bytes("lo w"), fin: false) + frame(.ping, []) + frame(.continuation, bytes("orld"))
        for chunk in [Int.max, 1, 2, 5] {
            var driver = Driver()
            driver.feed(stream, chunk: chunk)
            #expect(driver.events == [.ping(bytes("p")[...]), .pong([]), .ping([]), .text(bytes("Hello world")[...])])
            #expect(driver.replies.map(\.0) == [.pong, .pong])
        }
    }

    @Test func invalidUTF8FailsFastInsideAPartiallyReceivedFrame() {
        // One 200-byte text frame whose first piece already holds an invalid sequence.
        let payload = bytes("valid start ") + [0xF4, 0x90, 0x80, 0x80] + [UInt8](repeating: 0x61, count: 184)
        let stream = frame(.text, payload)
        var driver = Driver()
        driver.feed(Array(stream.prefix(30)))
        #expect(driver.events == [.failed(.invalidUTF8)])
        #expect(driver.replyCloseCode == 1007)
        #expect(driver.machine.state == .closed)
    }

    @Test func invalidUTF8FailsFastAcrossFragments() {
        var driver = Driver()
        driver.feed(frame(.text, bytes("ok"), fin: false) + frame(.continuation, [0xC0], fin: false))
        #expect(driver.events == [.failed(.invalidUTF8)])
        var truncated = Driver()
        truncated.feed(frame(.text, [0xE2, 0x82], fin: false))
        #expect(truncated.events.isEmpty)
        truncated.feed(frame(.continuation, []))
        #expect(truncated.events == [.failed(.invalidUTF8)])
        var split = Driver()
        split.feed(frame(.text, [0xE2, 0x82], fin: false) + frame(.continuation, [0xAC]))
        #expect(split.events == [.text(bytes("€")[...])])
        var binary = Driver()
        binary.feed(frame(.binary, [0xC0, 0xFF]))
        #expect(binary.events == [.binary([0xC0, 0xFF])])
    }

    @Test func textStaysTextAndBinaryStaysBinary() {
        var driver = Driver()
        driver.feed(frame(.text, bytes("t")) + frame(.binary, [1]) + frame(.binary, [2], fin: false)
                    + frame(.continuation, [3]) + frame(.text, []))
        #expect(driver.events == [.text(bytes("t")[...]), .binary([1]), .binary([2, 3]), .text([])])
        var echo: [UInt8] = []
        for case .text(let payload) in driver.events { driver.machine.send(.text, payload, to: &echo) }
        #expect(echo == [0x81, 1, 0x74, 0x81, 0])
    }

    @Test func wholeMessageInOneReadIsASliceOfTheReadBuffer() {
        var machine = WebSocketMachine(role: .server)
        var buffer = [0, 0, 0] + frame(.binary, [10, 20, 30])
        var index = 3
        var outbound: [UInt8] = []
        let event = machine.receive(from: &buffer, index: &index, end: buffer.count, outbound: &outbound)
        guard case .binary(let payload) = event else { Issue.record("expected binary, got \(String(describing: event))"); return }
        #expect(payload == [10, 20, 30])
        #expect(payload.startIndex == 3 + 6)
        #expect(Array(buffer[9..<12]) == [10, 20, 30])
    }

    @Test func largeAssemblyBufferIsReleasedAfterTheMessage() {
        var driver = Driver(configuration: WebSocketConfiguration(retainedBufferCapacity: 64))
        let big = [UInt8](repeating: 0x42, count: 5000)
        #expect(driver.machine.bufferedCapacity == 0)
        driver.feed(frame(.binary, big), chunk: 1000)
        #expect(driver.events == [.binary(big[...])])
        #expect(driver.machine.bufferedCapacity == 0)
        driver.feed(frame(.binary, [1, 2]), chunk: 1)
        #expect(driver.events.last == .binary([1, 2]))
        #expect(driver.events.count == 2)
        #expect(driver.machine.bufferedCapacity > 0 && driver.machine.bufferedCapacity <= 64)
        var whole = Driver()
        whole.feed(frame(.binary, big) + frame(.ping, [1]))
        #expect(whole.machine.bufferedCapacity == 0)
    }

    @Test func clientMasksEverythingItSends() {
        var driver = Driver(role: .client)
        driver.machine.send(.binary, [1, 2, 3], to: &driver.outbound)
        driver.machine.sendPing(bytes("hb"), to: &driver.outbound)
        driver.feed(frame(.ping, [7], mask: nil))
        driver.machine.close(to: &driver.outbound)
        #expect(driver.replies.map(\.0) == [.binary, .ping, .pong, .close])
        #expect(driver.replies.map(\.1) == [[1, 2, 3], bytes("hb"), [7], [0x03, 0xE8]])
        #expect(Array(driver.outbound.prefix(9)) == [0x82, 0x83, 0xA1, 0xB2, 0xC3, 0xD4, 0xA0, 0xB0, 0xC0])
    }

    @Test func closedMachineDiscardsEverything() {
        var driver = Driver()
        driver.feed(frame(.close, []))
        let before = driver.outbound
        driver.feed(frame(.ping, [1]) + [0xFF, 0xFF])
        #expect(driver.events.count == 1)
        #expect(driver.outbound == before)
        #expect(!driver.machine.sendPing([UInt8](), to: &driver.outbound))
    }
}
