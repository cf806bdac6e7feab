import OrreryRedis

/// A live node as its last heartbeat described it.
public struct NodeRecord: Equatable, Sendable {
    /// The node's unique name in the cluster (`--node-name`).
    public var name: String
    /// Where clients and other nodes reach it, e.g. "10.0.0.5:8080" (`--advertise`).
    public var address: String
    /// Universes it runs (placement prefers the least loaded node).
    public var load: Int
    /// Whether it is draining: it takes no new universes.
    public var draining: Bool

    public init(name: String, address: String, load: Int = 0, draining: Bool = false) {
        self.name = name
        self.address = address
        self.load = load
        self.draining = draining
    }
}

/// A universe's lease as Redis holds it now.
public struct LeaseRecord: Equatable, Sendable {
    public var universe: String
    /// The node holding the lease, or nil once it expired or was released.
    public var owner: String?
    /// The epoch of the current lease, or of the last one if none is held (0 if never leased).
    public var epoch: UInt64

    public init(universe: String, owner: String?, epoch: UInt64) {
        self.universe = universe
        self.owner = owner
        self.epoch = epoch
    }
}

/// Why a fenced write was not made.
public enum FencedWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The writer's epoch no longer holds the lease: another node took over, or the lease expired.
    case stale(epoch: UInt64)
    /// Redis did not answer (the write may or may not have happened).
    case redis(RedisClientError)

    public var description: String {
        switch self {
        case .stale(let epoch): "write refused: epoch \(epoch) no longer holds the lease"
        case .redis(let error): "\(error)"
        }
    }
}
