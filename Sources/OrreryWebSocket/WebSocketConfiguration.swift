/// Limits and buffer policy of a ``WebSocketMachine``.
public struct WebSocketConfiguration: Sendable, Equatable {
    /// Largest data message accepted, in bytes; a larger declared length fails with 1009. Default 1 MiB.
    public var maxMessageSize: Int
    /// Most frames one data message may span; more fail with 1009. Default 1024.
    public var maxFragments: Int
    /// Capacity of the message-assembly buffer kept after a message completes; a buffer that grew
    /// beyond this is released, so idle connections stay small. Default 1024 bytes.
    public var retainedBufferCapacity: Int

    /// A configuration with the given limits.
    public init(maxMessageSize: Int = 1 << 20, maxFragments: Int = 1024, retainedBufferCapacity: Int = 1024) {
        self.maxMessageSize = maxMessageSize
        self.maxFragments = maxFragments
        self.retainedBufferCapacity = retainedBufferCapacity
    }
}
