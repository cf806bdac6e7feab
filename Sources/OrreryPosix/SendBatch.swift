/// Sends gathered for one `IOUring.send(_:)`: a socket and its bytes each, then each one's outcome.
/// Reuse one batch (`removeAll()` keeps its storage) so a tick's flush allocates nothing.
public struct SendBatch {
    var descriptors: [Int32] = []
    var buffers: [ArraySlice<UInt8>] = []
    var results: [Int32] = []

    /// An empty batch.
    public init() {}

    /// How many sends the batch holds.
    public var count: Int { descriptors.count }

    /// Adds a send (MSG_NOSIGNAL) of `bytes`, which must not be empty, on the socket `descriptor`.
    public mutating func append(descriptor: Int32, bytes: ArraySlice<UInt8>) {
        precondition(!bytes.isEmpty, "a batched send needs bytes")
        descriptors.append(descriptor)
        buffers.append(bytes)
        results.append(0)
    }

    /// The outcome of the send at `index`, once the batch was sent: like `TCPSocket.write`.
    public func outcome(at index: Int) throws(PosixError) -> WriteResult {
        let result = results[index]
        if result >= 0 { return .wrote(Int(result)) }
        let code = Errno(rawValue: -result)
        if code.isWouldBlock { return .wouldBlock }
        throw .system(call: "send", errno: code)
    }

    /// Drops the references to the sent buffers (once sent), so their owners can change them without a copy;
    /// the outcomes stay readable.
    public mutating func releaseBuffers() {
        buffers.removeAll(keepingCapacity: true)
    }

    /// Empties the batch (releasing the buffers) and keeps its storage.
    public mutating func removeAll() {
        descriptors.removeAll(keepingCapacity: true)
        buffers.removeAll(keepingCapacity: true)
        results.removeAll(keepingCapacity: true)
    }
}
