import Glibc
import Testing
@testable import OrreryPosix

@Suite struct FileDescriptorTests {
    /// The peer of a closed socket reads end-of-file: proof the descriptor really was closed.
    private func expectPeerSeesEndOfFile(_ peer: borrowing TCPSocket) throws {
        var buffer = [UInt8](repeating: 0, count: 16)
        let result = try peer.read(into: &buffer)
        #expect(result == .endOfFile)
    }

    @Test func explicitCloseReleasesTheDescriptor() throws {
        let pair = try SocketPair()
        try pair.server.close()
        try expectPeerSeesEndOfFile(pair.client)
    }

    /// The descriptor number is invalid after close (fcntl F_GETFD fails). The number is duplicated high
    /// up, far from the lowest-free numbers parallel tests are handed, so nobody reuses it meanwhile.
    @Test func closedNumberIsInvalidAfterwards() throws {
        try ResourceLimits.raiseOpenFiles(to: 16_384)
        let source = try EventFD()
        let high = fcntl(source.rawValue, F_DUPFD_CLOEXEC, 12_000)
        try #require(high >= 12_000)
        let owner = FileDescriptor(adopting: high)
        #expect(FileDescriptor.isOpen(high))
        try owner.close()
        #expect(!FileDescriptor.isOpen(high))
        #expect(fcntl(high, F_GETFD) == -1 && errno == EBADF)
        do { _ = FileDescriptor(adopting: fcntl(source.rawValue, F_DUPFD_CLOEXEC, 12_000)) }
        #expect(!FileDescriptor.isOpen(high))
    }

    @Test func droppingTheOwnerClosesIt() throws {
        var pair = try SocketPair()
        pair.server = try TCPSocket(familyOf: SocketAddress(host: "127.0.0.1", port: 0))
        try expectPeerSeesEndOfFile(pair.client)
    }

    @Test func takeAndDetachKeepTheDescriptorOpenUntilAdopted() throws {
        let pair = try SocketPair()
        let raw = pair.server.take()
        #expect(FileDescriptor.isOpen(raw))
        let detached = FileDescriptor(adopting: raw).detach()
        let adopted = TCPSocket(detached.take()!)
        let claimedAgain = detached.take() != nil
        #expect(!claimedAgain)
        let written = try adopted.write([1, 2, 3][...])
        #expect(written == .wrote(3))
        var buffer = [UInt8](repeating: 0, count: 3)
        let read = try pair.client.read(into: &buffer)
        #expect(read == .bytes(3))
        #expect(buffer == [1, 2, 3])
        try adopted.close()
        try expectPeerSeesEndOfFile(pair.client)
    }

    @Test func anUnclaimedDetachedDescriptorIsClosed() throws {
        let pair = try SocketPair()
        _ = pair.server.detach()
        try expectPeerSeesEndOfFile(pair.client)
    }

    @Test func errorsNameTheCallAndTheErrno() {
        let error = PosixError.system(call: "connect", errno: .connectionRefused)
        #expect(error.description == "connect failed: Connection refused (ECONNREFUSED)")
        #expect(PosixError.invalidAddress("nope").description.contains("'nope'"))
        #expect(Errno(rawValue: 9999).name == "errno 9999")
    }
}
