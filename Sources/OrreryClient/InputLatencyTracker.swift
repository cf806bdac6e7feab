/// Send times of inputs not yet acknowledged. An input counts as acknowledged when a frame's last applied
/// input seq reaches its seq (the server applies the latest input of a tick and ORs the actions of the others,
/// so earlier inputs are covered too); its latency is the frame's arrival time minus its send time.
public struct InputLatencyTracker: Hashable, Sendable {
    private struct Pending: Hashable, Sendable {
        var seq: UInt32
        var nanoseconds: Int64
    }

    /// Most inputs remembered; older ones are forgotten (and never measured) beyond it.
    public let capacity: Int
    private var pending: [Pending] = []
    private var start = 0

    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// Inputs waiting for an acknowledgement.
    public var waiting: Int { pending.count - start }

    /// Remembers that input `seq` (larger than every earlier one) was sent at `nanoseconds`.
    public mutating func sent(_ seq: UInt32, at nanoseconds: Int64) {
        if waiting >= capacity { start += 1 }
        if start > 64, start * 2 > pending.count {
            pending.removeFirst(start)
            start = 0
        }
        pending.append(Pending(seq: seq, nanoseconds: nanoseconds))
    }

    /// Acknowledges every input up to `seq` at `nanoseconds` and records their latencies in `histogram`;
    /// returns how many were acknowledged.
    @discardableResult
    public mutating func acknowledge(through seq: UInt32, at nanoseconds: Int64,
                                     into histogram: inout LatencyHistogram) -> Int {
        var acknowledged = 0
        while start < pending.count, pending[start].seq <= seq {
            histogram.record(microseconds: (nanoseconds - pending[start].nanoseconds) / 1000)
            start += 1
            acknowledged += 1
        }
        if start == pending.count {
            pending.removeAll(keepingCapacity: true)
            start = 0
        }
        return acknowledged
    }

    /// Forgets every waiting input (the connection they were sent on is gone).
    public mutating func clear() {
        pending.removeAll(keepingCapacity: true)
        start = 0
    }
}
