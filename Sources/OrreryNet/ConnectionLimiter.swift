/// Counts open connections per key (e.g. per IP address) and refuses more than `maximumPerKey` for one key or more
/// than `maximumKeys` distinct keys. A key is forgotten when its last connection is released, so the table never
/// holds more keys than there are open connections.
public struct ConnectionLimiter<Key: Hashable & Sendable>: Sendable {
    /// The most open connections per key.
    public let maximumPerKey: Int
    /// The most distinct keys with open connections.
    public let maximumKeys: Int
    private var counts: [Key: Int] = [:]

    /// An empty table. Both limits must be positive.
    public init(maximumPerKey: Int, maximumKeys: Int) {
        precondition(maximumPerKey > 0 && maximumKeys > 0, "limits must be positive")
        self.maximumPerKey = maximumPerKey
        self.maximumKeys = maximumKeys
    }

    /// Counts a new connection for `key` and returns `true`, or returns `false` (counting nothing) if a limit is
    /// reached. Every `true` must be matched by one `release`.
    public mutating func acquire(_ key: Key) -> Bool {
        let current = counts[key] ?? 0
        guard current < maximumPerKey else { return false }
        guard current > 0 || counts.count < maximumKeys else { return false }
        counts[key] = current + 1
        return true
    }

    /// Uncounts a connection of `key` that `acquire` admitted.
    public mutating func release(_ key: Key) {
        guard let current = counts[key] else {
            preconditionFailure("release without a matching acquire")
        }
        counts[key] = current > 1 ? current - 1 : nil
    }

    /// Open connections counted for `key`.
    public func count(for key: Key) -> Int { counts[key] ?? 0 }

    /// The number of keys with open connections.
    public var keyCount: Int { counts.count }
}
