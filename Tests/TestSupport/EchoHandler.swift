import OrreryNet

/// An echo handler that reports how it closed.
public func echoHandler(closed: Recorder<CloseReason>? = nil, latch: Latch? = nil) -> TestHandler {
    TestHandler(onRead: { connection, bytes in connection.send(bytes) },
                onClose: { _, reason in
                    closed?.record(reason)
                    latch?.arrive()
                })
}
