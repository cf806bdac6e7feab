import OrreryNet
import OrreryServer
import TestSupport
import Testing

/// Issue 13, item 2: the I/O path is chosen at start, reported in the log and in `/metrics`, and plays the same.
@Suite struct RelayIOBackendTests {
    /// Whether this kernel lets a loop write through io_uring.
    static let ioUringAvailable = ((try? EventLoop(configuration: {
        var configuration = EventLoopConfiguration()
        configuration.ioMode = .ioUring
        return configuration
    }())) != nil)

    /// Forcing io_uring is tried only where the kernel offers it (elsewhere the loop refuses to start).
    static let modes: [IOMode] = ioUringAvailable ? [.epoll, .ioUring, .auto] : [.epoll, .auto]

    @Test(arguments: modes)
    func theChosenBackendIsLoggedExportedAndServesAPlayer(mode: IOMode) async throws {
        let fixture = try RelayFixture { $0.ioMode = mode }
        let expected: IOBackend = mode == .epoll || !Self.ioUringAvailable ? .epoll : .ioUring
        let other: IOBackend = expected == .epoll ? .ioUring : .epoll
        let player = try await fixture.join("demo")
        #expect(player.snapshot.welcomes.count == 1 && player.snapshot.closeCode == nil)
        // The gauge counts loops (the fixture runs two), once both have published.
        let exported = await eventually {
            guard let metrics = try? httpGet(port: fixture.server.port, "/metrics").body else { return false }
            return metrics.contains("orrery_io_backend{backend=\"\(expected.rawValue)\"} 2\n")
                && metrics.contains("orrery_io_backend{backend=\"\(other.rawValue)\"} 0\n")
        }
        #expect(exported)
        #expect(fixture.logged("io_backend", ["backend=\(expected.rawValue)", "mode=\(mode.rawValue)"]))
    }
}
