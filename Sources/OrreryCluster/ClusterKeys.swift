/// The Redis key names of one cluster. Every key starts with `namespace`, so clusters can share a Redis.
public struct ClusterKeys: Equatable, Sendable {
    /// Default "orrery".
    public let namespace: String

    public init(namespace: String = "orrery") {
        self.namespace = namespace
    }

    /// The lease hash `{owner, epoch}` (expires). The universe is the hash tag, shared with `epoch(of:)`.
    public func lease(of universe: String) -> String { leasePrefix + "{\(universe)}" }
    /// The universe's epoch counter (never expires).
    public func epoch(of universe: String) -> String { "\(namespace):epoch:{\(universe)}" }
    /// The set of every universe ever leased.
    public var universes: String { "\(namespace):universes" }
    /// A node's heartbeat hash `{address, load, draining}` (expires).
    public func node(_ name: String) -> String { nodePrefix + name }
    /// The set of node names that have sent a heartbeat (pruned when read).
    public var nodes: String { "\(namespace):nodes" }

    var leasePrefix: String { "\(namespace):lease:" }
    var nodePrefix: String { "\(namespace):node:" }
}
