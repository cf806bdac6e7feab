import OrreryNet

/// A handler built from closures; the slow-consumer policy is the protocol's default.
public final class TestHandler: ConnectionHandler {
    public var onRead: (Connection, ArraySlice<UInt8>) -> Void
    public var onDrain: (Connection) -> Void = { _ in }
    public var onClose: (Connection, CloseReason) -> Void

    /// A handler calling `onRead` for every read and `onClose` once at the end.
    public init(onRead: @escaping (Connection, ArraySlice<UInt8>) -> Void = { _, _ in },
                onClose: @escaping (Connection, CloseReason) -> Void = { _, _ in }) {
        self.onRead = onRead
        self.onClose = onClose
    }

    public func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        onRead(connection, buffer[range])
    }
    public func connectionDidDrain(_ connection: Connection) { onDrain(connection) }
    public func connection(_ connection: Connection, didCloseWith reason: CloseReason) {
        onClose(connection, reason)
    }
}
