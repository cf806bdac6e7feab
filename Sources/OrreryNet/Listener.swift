import OrreryPosix

/// A listening socket on a loop; hands each accepted connection, not yet started, to its accept callback.
public final class Listener: LoopEventSource {
    /// The bound address, with the port the kernel chose when 0 was asked for.
    public let address: SocketAddress
    /// The loop accepting connections.
    public let loop: EventLoop

    private var socket: TCPListener?
    private var token: UInt64 = 0
    private let onAccept: (Connection) -> Void

    init(_ socket: consuming TCPListener, address: SocketAddress, loop: EventLoop,
         onAccept: @escaping (Connection) -> Void) throws(PosixError) {
        self.address = address
        self.loop = loop
        self.onAccept = onAccept
        let raw = socket.rawValue
        self.socket = consume socket
        token = try loop.register(raw, events: .readable, source: self)
        loop.listenersByAddress[address] = self
    }

    /// The bound port.
    public var port: Int { address.port }

    /// Whether the listener is still open.
    public var isOpen: Bool { socket != nil }

    /// Stops listening and closes the socket. Connections already accepted are unaffected.
    public func close() {
        loop.assertOnLoop()
        guard socket != nil else { return }
        loop.unregister(token)
        loop.listenersByAddress[address] = nil
        try? socket.take()?.close()
    }

    func handle(_ events: EpollEvents) {
        for _ in 0..<loop.configuration.maxAcceptsPerWakeup {
            guard socket != nil else { return }
            do throws(PosixError) {
                guard let accepted = try socket?.accept() else { return }
                let peer = accepted.peer
                let connection = Connection(accepted.takeSocket(), peer: peer, loop: loop)
                loop.counters.connectionsAccepted += 1
                onAccept(connection)
            } catch {
                if error.errno == .tooManyOpenFiles || error.errno == .tooManyOpenFilesInSystem {
                    pauseAccepting()
                    return
                }
                // ECONNABORTED and friends concern only that one pending connection: keep accepting.
                if error.errno == .connectionAborted { continue }
                return
            }
        }
    }

    /// Out of descriptors: stop watching the socket for a while instead of spinning on a ready listener.
    private func pauseAccepting() {
        guard let raw = socket?.rawValue else { return }
        loop.counters.acceptPauses += 1
        try? loop.epoll.modify(raw, events: [], token: token)
        loop.schedule(after: loop.configuration.acceptBackoff) { [weak self] _ in
            guard let self, let raw = self.socket?.rawValue else { return }
            try? self.loop.epoll.modify(raw, events: .readable, token: self.token)
        }
    }

    func loopDidStop() {
        try? socket.take()?.close()
    }
}
