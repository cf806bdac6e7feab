import OrreryPosix

extension EventLoop {
    /// Opens a client connection to `host:port` without blocking. `completion` runs later on this loop,
    /// never inside this call, with an idle `Connection` (call `start(handler:)`) or the failure:
    /// e.g. `.system(call: "connect to 127.0.0.1:9", errno: .connectionRefused)`, `.timedOut` after
    /// `timeout`, `.canceled` if the loop stops, or `.invalidAddress` for a non-numeric host.
    public func connect(host: String, port: Int, timeout: Duration = .seconds(10),
                        completion: @escaping (Result<Connection, PosixError>) -> Void) {
        assertOnLoop()
        do throws(PosixError) {
            let address = try SocketAddress(host: host, port: port)
            let socket = try TCPSocket(familyOf: address)
            let status = try socket.connect(to: address)
            switch status {
            case .connected:
                let connection = Connection(socket, peer: address, loop: self)
                counters.connectionsConnected += 1
                enqueueDeferred { completion(.success(connection)) }
            case .inProgress:
                _ = try PendingConnect(socket, address: address, loop: self, timeout: timeout, completion: completion)
            }
        } catch {
            let failure = error.errno.map { PosixError.system(call: "connect to \(host):\(port)", errno: $0) } ?? error
            enqueueDeferred { completion(.failure(failure)) }
        }
    }
}
