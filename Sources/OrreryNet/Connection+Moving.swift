import OrreryPosix

extension Connection {
    /// Hands this connection to `target` (another loop, typically): it leaves this loop's epoll, its
    /// descriptor and pending outbound bytes travel through `target`'s mailbox, and `adopt` runs on
    /// `target` with the new `Connection` (idle: call `start(handler:)` on it). Bytes not yet read stay in
    /// the kernel and are read by the new connection, so nothing is lost.
    ///
    /// This object then reads `.closed` and its handler is released without a close callback.
    /// If `target` has stopped, the descriptor is closed.
    public func move(to target: EventLoop, then adopt: @escaping @Sendable (Connection) -> Void) {
        loop.assertOnLoop()
        precondition(state == .idle || state == .open, "only an idle or open connection can move")
        guard let raw = socket?.rawValue else { return }
        if isRegistered { loop.unregister(token, descriptor: raw) }
        isRegistered = false
        let pending = outbound.takeAll()
        let cap = outboundCap
        let peer = self.peer
        guard let detached = socket.take()?.detach() else { return }
        state = .closed
        handler = nil
        loop.counters.connectionsMovedOut += 1
        target.execute {
            guard let descriptor = detached.take() else { return }
            let moved = Connection(TCPSocket(descriptor), peer: peer, loop: target, outbound: pending, outboundCap: cap)
            target.counters.connectionsAdopted += 1
            adopt(moved)
        }
    }
}
