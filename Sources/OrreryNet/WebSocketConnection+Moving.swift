extension WebSocketConnection {
    /// Moves this open connection to `target` (e.g. the loop running the player's universe), keeping
    /// the protocol state, queued outbound bytes and bytes already received. `then` runs on `target`
    /// with this same object once it is live there (replace `handler` in it if needed); messages that
    /// arrived after the request are delivered after `then`. Called during a handler callback, the
    /// move happens when the callback returns and no further message is delivered on the old loop.
    ///
    /// Returns false (doing nothing) unless the connection is open and not already moving.
    /// If `target` has stopped, the connection is dropped without a close callback.
    @discardableResult
    public func move(to target: EventLoop, then: @escaping @Sendable (WebSocketConnection) -> Void) -> Bool {
        loop.assertOnLoop()
        guard isOpen, pendingMove == nil, closeTimer == nil else { return false }
        pendingMove = (target, then)
        if !isDispatching { performMove() }
        return true
    }

    /// Leaves this loop: the registry, then the transport through the target's mailbox.
    func performMove() {
        guard let move = pendingMove, connection.state == .open else { return }
        loop.webSockets.remove(self)
        let webSocket = self
        connection.move(to: move.target) { moved in webSocket.adopt(moved, then: move.then) }
    }

    /// Arrives on the new loop with the moved transport.
    private func adopt(_ moved: Connection, then: @Sendable (WebSocketConnection) -> Void) {
        pendingMove = nil
        connection = moved
        loop.webSockets.add(self)
        moved.start(handler: self)
        then(self)
        guard !carry.isEmpty, pendingMove == nil else { return }
        var bytes = carry
        carry = []
        process(&bytes, 0..<bytes.count)
    }
}
