import OrreryPosix

extension EventLoop {
    /// Listens on `host:port` (numeric IPv4/IPv6 or `localhost`; port 0 picks a free port, see
    /// `Listener.port`). `onAccept` receives each accepted connection idle: start it, move it or abort it.
    public func listen(host: String, port: Int, backlog: Int32 = 4096,
                       onAccept: @escaping (Connection) -> Void) throws(PosixError) -> Listener {
        let address = try SocketAddress(host: host, port: port)
        let socket = try TCPListener(address: address, backlog: backlog)
        let bound = try socket.localAddress()
        return try adopt(socket, address: bound, onAccept: onAccept)
    }

    /// Starts accepting on a listening socket created elsewhere (e.g. bound on another thread).
    public func adopt(_ socket: consuming TCPListener, address: SocketAddress,
                      onAccept: @escaping (Connection) -> Void) throws(PosixError) -> Listener {
        assertOnLoop()
        return try Listener(socket, address: address, loop: self, onAccept: onAccept)
    }

    /// Closes the listener bound to `address` on this loop, if any.
    public func closeListener(boundTo address: SocketAddress) {
        listenersByAddress[address]?.close()
    }
}
