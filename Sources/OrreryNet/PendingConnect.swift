import OrreryPosix

/// A non-blocking connect waiting for EPOLLOUT, then SO_ERROR, or its timeout.
final class PendingConnect: LoopEventSource {
    private let loop: EventLoop
    private let address: SocketAddress
    private var socket: TCPSocket?
    private var token: UInt64 = 0
    private var timer: TimerHandle?
    private var completion: ((Result<Connection, PosixError>) -> Void)?

    init(_ socket: consuming TCPSocket, address: SocketAddress, loop: EventLoop, timeout: Duration,
         completion: @escaping (Result<Connection, PosixError>) -> Void) throws(PosixError) {
        self.loop = loop
        self.address = address
        self.completion = completion
        let raw = socket.rawValue
        self.socket = consume socket
        token = try loop.register(raw, events: .writable, source: self)
        timer = loop.schedule(after: timeout) { [self] _ in
            fail(.system(call: "connect to \(address)", errno: .timedOut))
        }
    }

    func handle(_ events: EpollEvents) {
        let pending: Errno?
        do throws(PosixError) {
            pending = try socket?.pendingError()
        } catch {
            fail(error)
            return
        }
        if let pending {
            fail(.system(call: "connect to \(address)", errno: pending))
            return
        }
        guard let raw = socket?.rawValue else { return }
        release(descriptor: raw)
        guard let connected = socket.take() else { return }
        let connection = Connection(connected, peer: address, loop: loop)
        loop.counters.connectionsConnected += 1
        finish(.success(connection))
    }

    private func fail(_ error: PosixError) {
        release(descriptor: nil)
        try? socket.take()?.close()
        finish(.failure(error))
    }

    private func release(descriptor: Int32?) {
        loop.unregister(token, descriptor: descriptor)
        loop.cancel(&timer)
    }

    private func finish(_ result: Result<Connection, PosixError>) {
        let callback = completion
        completion = nil
        callback?(result)
    }

    func loopDidStop() {
        fail(.system(call: "connect to \(address)", errno: .canceled))
    }
}
