/// Plain counters kept by one loop (read them on the loop, e.g. via `submit`).
public struct LoopCounters: Equatable, Sendable {
    /// Bytes read from all connections.
    public var bytesRead: UInt64 = 0
    /// Bytes written to all connections.
    public var bytesWritten: UInt64 = 0
    /// Connections accepted by listeners on this loop.
    public var connectionsAccepted: UInt64 = 0
    /// Client connections this loop established with `connect`.
    public var connectionsConnected: UInt64 = 0
    /// Connections moved onto this loop from another.
    public var connectionsAdopted: UInt64 = 0
    /// Connections moved from this loop to another.
    public var connectionsMovedOut: UInt64 = 0
    /// Connections closed on this loop (any reason).
    public var connectionsClosed: UInt64 = 0
    /// Times a listener on this loop stopped accepting for `acceptBackoff` because the process or the system
    /// was out of descriptors (EMFILE, ENFILE).
    public var acceptPauses: UInt64 = 0

    /// Connections currently owned by this loop.
    public var connectionsOpen: UInt64 {
        connectionsAccepted + connectionsConnected + connectionsAdopted - connectionsMovedOut - connectionsClosed
    }
}
