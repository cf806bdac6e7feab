import Testing
@testable import OrreryPosix

@Suite struct SocketTests {
    @Test func listenerOnPortZeroReportsTheChosenPort() throws {
        let listener = try TCPListener(address: SocketAddress(host: "127.0.0.1", port: 0))
        let address = try listener.localAddress()
        let nothingPending = try listener.accept() == nil
        #expect(address.port > 0)
        #expect(address.host == "127.0.0.1")
        #expect(nothingPending)
    }

    @Test func ipv6LoopbackWorks() throws {
        let pair = try SocketPair(host: "::1")
        let reported = pair.server.peerAddress()
        let peer = try #require(reported)
        #expect(peer.isIPv6)
        #expect(peer.host == "::1")
        #expect(peer.description == "[::1]:\(peer.port)")
    }

    @Test func addressesParseAndPrint() throws {
        #expect(try SocketAddress(host: "localhost", port: 80).description == "127.0.0.1:80")
        #expect(throws: PosixError.invalidAddress("example.org")) { try SocketAddress(host: "example.org", port: 1) }
        #expect(throws: PosixError.invalidAddress("127.0.0.1:70000")) { try SocketAddress(host: "127.0.0.1", port: 70000) }
    }

    @Test func hostNamesResolveAndUnknownOnesSayWhy() throws {
        // localhost goes through the resolver here (/etc/hosts), as a DNS name would.
        #expect(try SocketAddress.resolving(host: "localhost", port: 80).description == "127.0.0.1:80")
        #expect(try SocketAddress.resolving(host: "10.1.2.3", port: 9).description == "10.1.2.3:9")
        #expect(try SocketAddress.resolving(host: "::1", port: 9).description == "[::1]:9")
        do {
            _ = try SocketAddress.resolving(host: "nothing.invalid", port: 80)
            Issue.record("an .invalid name resolved")
        } catch {
            guard case .unresolvable(let host, let code) = error else { throw error }
            #expect(host == "nothing.invalid" && code != 0)
            #expect(error.description.hasPrefix("cannot resolve host 'nothing.invalid': ") && error.description.count > 40)
        }
    }

    @Test func readReportsWouldBlockDataAndEndOfFile() throws {
        let pair = try SocketPair()
        var buffer = [UInt8](repeating: 0, count: 8)
        let early = try pair.server.read(into: &buffer)
        #expect(early == .wouldBlock)
        let written = try pair.client.write([7, 8, 9][...])
        #expect(written == .wrote(3))
        var result = ReadResult.wouldBlock
        while result == .wouldBlock { result = try pair.server.read(into: &buffer, at: 2, count: 4) }
        #expect(result == .bytes(3))
        #expect(buffer[2..<5] == [7, 8, 9])
        try pair.client.shutdown(.write)
        result = .wouldBlock
        while result == .wouldBlock { result = try pair.server.read(into: &buffer) }
        #expect(result == .endOfFile)
    }

    @Test func smallBuffersForcePartialWritesThenWouldBlock() throws {
        let pair = try SocketPair(clientReceiveBuffer: 4096)
        try pair.server.setSendBufferSize(4096)
        try pair.server.setNoDelay()
        let payload = [UInt8](repeating: 0xAB, count: 1 << 20)
        let first = try pair.server.write(payload[...])
        guard case .wrote(let count) = first else {
            Issue.record("first write should make progress, got \(first)")
            return
        }
        #expect(count < payload.count)
        var result = first
        while case .wrote = result { result = try pair.server.write(payload[...]) }
        #expect(result == .wouldBlock)
    }

    @Test func connectToAClosedPortIsRefused() throws {
        let address: SocketAddress
        do {
            let listener = try TCPListener(address: SocketAddress(host: "127.0.0.1", port: 0))
            address = try listener.localAddress()
        }
        let socket = try TCPSocket(familyOf: address)
        do {
            let status = try socket.connect(to: address)
            if status == .inProgress {
                let epoll = try Epoll()
                try epoll.add(socket.rawValue, events: .writable, token: 1)
                let events = EpollEventBuffer(capacity: 1)
                let ready = try epoll.wait(into: events, timeoutMilliseconds: 10_000)
                let pending = try socket.pendingError()
                #expect(ready == 1)
                #expect(pending == .connectionRefused)
            } else {
                Issue.record("connect to a closed port succeeded")
            }
        } catch {
            #expect(error.errno == .connectionRefused)
        }
    }

    @Test func peerResetIsReportedAsConnectionReset() throws {
        let pair = try SocketPair()
        try pair.client.setResetOnClose()
        try pair.client.close()
        var buffer = [UInt8](repeating: 0, count: 8)
        var result = ReadResult.wouldBlock
        var failure: PosixError?
        do {
            while result == .wouldBlock { result = try pair.server.read(into: &buffer) }
        } catch {
            failure = error
        }
        #expect(failure?.errno == .connectionReset)
    }
}
