import Testing
@testable import OrreryPosix

/// Whether this kernel lets us set up a ring (the suites below need one; the epoll path needs none).
private let ioUringAvailable = (try? IOUring(entries: 4)) != nil

@Suite(.enabled(if: ioUringAvailable, "io_uring is not available on this kernel"))
struct IOUringTests {
    @Test func oneBatchSendsToEverySocketAndReportsEachCount() throws {
        let ring = try IOUring(entries: 4)
        let first = try SocketPair()
        let second = try SocketPair()
        var batch = SendBatch()
        batch.append(descriptor: first.server.rawValue, bytes: Array("hello".utf8)[...])
        batch.append(descriptor: second.server.rawValue, bytes: Array("world!".utf8)[...])
        try ring.send(&batch)
        #expect(try batch.outcome(at: 0) == .wrote(5))
        #expect(try batch.outcome(at: 1) == .wrote(6))
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(try first.client.read(into: &buffer) == .bytes(5))
        #expect(Array(buffer[0..<5]) == Array("hello".utf8))
        #expect(try second.client.read(into: &buffer) == .bytes(6))
        #expect(Array(buffer[0..<6]) == Array("world!".utf8))
    }

    @Test func batchesLargerThanTheRingTakeSeveralSubmissionsInOrder() throws {
        let ring = try IOUring(entries: 2)
        let pair = try SocketPair()
        var batch = SendBatch()
        for byte in UInt8(1)...UInt8(7) { batch.append(descriptor: pair.server.rawValue, bytes: [byte][...]) }
        try ring.send(&batch)
        for index in 0..<7 { #expect(try batch.outcome(at: index) == .wrote(1)) }
        var buffer = [UInt8](repeating: 0, count: 16)
        var received: [UInt8] = []
        while received.count < 7, case .bytes(let count) = try pair.client.read(into: &buffer) {
            received += buffer[0..<count]
        }
        #expect(received == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test func aFullSocketGivesAPartialWriteThenWouldBlock() throws {
        let ring = try IOUring(entries: 4)
        let pair = try SocketPair(clientReceiveBuffer: 4096)
        try pair.server.setSendBufferSize(4096)
        let big = [UInt8](repeating: 7, count: 8 << 20)
        var batch = SendBatch()
        var outcomes: [WriteResult] = []
        while outcomes.last != .wouldBlock, outcomes.count < 1000 {
            batch.append(descriptor: pair.server.rawValue, bytes: big[...])
            try ring.send(&batch)
            outcomes.append(try batch.outcome(at: 0))
            batch.removeAll()
        }
        guard case .wrote(let first)? = outcomes.first else {
            Issue.record("the first send wrote nothing: \(outcomes)")
            return
        }
        #expect(first > 0 && first < big.count)
        #expect(outcomes.last == .wouldBlock)
    }

    @Test func aClosedPeerFailsTheSendWithTheSocketsError() throws {
        let ring = try IOUring(entries: 4)
        let pair = try SocketPair()
        // Closing with unread bytes makes the peer's kernel answer with a reset.
        #expect(try pair.server.write([9][...]) == .wrote(1))
        try pair.client.close()
        var batch = SendBatch()
        var failure: PosixError?
        for _ in 0..<100 where failure == nil {
            batch.append(descriptor: pair.server.rawValue, bytes: [1, 2, 3][...])
            try ring.send(&batch)
            do { _ = try batch.outcome(at: 0) } catch { failure = error }
            batch.removeAll()
        }
        #expect(failure?.errno == .connectionReset || failure?.errno == .brokenPipe)
    }
}
