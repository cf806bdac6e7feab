/// A connection's pending outbound bytes: appended at the end, consumed from the front.
struct OutboundBuffer {
    /// Storage up to this capacity is kept when the buffer empties (avoids a malloc per message);
    /// larger storage is released so an idle connection holds little memory.
    static let retainedCapacity = 4096
    /// Consumed bytes are compacted away once at least this many sit at the front.
    static let compactionThreshold = 64 * 1024

    private var bytes: [UInt8] = []
    private var head = 0

    /// Bytes still to write.
    var count: Int { bytes.count - head }
    var isEmpty: Bool { head == bytes.count }

    /// The bytes still to write, in order.
    var pending: ArraySlice<UInt8> { bytes[head...] }

    mutating func append(_ data: ArraySlice<UInt8>) { bytes.append(contentsOf: data) }

    mutating func append(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    /// Lets `body` append to the storage directly (it must only append).
    mutating func append<Result>(writing body: (inout [UInt8]) -> Result) -> Result {
        let before = bytes.count
        let result = body(&bytes)
        precondition(bytes.count >= before, "send(writing:) may only append bytes")
        return result
    }

    /// Drops `written` bytes from the front after a write.
    mutating func consume(_ written: Int) {
        head += written
        if head == bytes.count {
            if bytes.capacity > Self.retainedCapacity {
                bytes = []
            } else {
                bytes.removeAll(keepingCapacity: true)
            }
            head = 0
        } else if head >= Self.compactionThreshold, head * 2 >= bytes.count {
            bytes.removeSubrange(0..<head)
            head = 0
        }
    }

    /// Removes and returns every pending byte.
    mutating func takeAll() -> [UInt8] {
        let remaining = Array(pending)
        bytes = []
        head = 0
        return remaining
    }
}
