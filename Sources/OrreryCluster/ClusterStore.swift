import OrreryRedis

/// The cluster's shared state in Redis, read and changed through `ClusterScripts` on one `RedisClient`.
/// Loop-confined like the client; completions run on its loop.
public struct ClusterStore: Sendable {
    /// The client every call goes through.
    public let client: RedisClient
    /// The key names.
    public let keys: ClusterKeys

    public init(client: RedisClient, keys: ClusterKeys = ClusterKeys()) {
        self.client = client
        self.keys = keys
    }

    /// Sends a lease request for `node` and hands back the answer `UniverseLease.receive` expects.
    public func send(_ request: UniverseLease.Request, universe: String, node: String, policy: LeasePolicy,
                     completion: @escaping (UniverseLease.Reply) -> Void) {
        let ttl = String(policy.ttlMilliseconds)
        switch request {
        case .acquire:
            client.run(ClusterScripts.acquire, keys: [keys.lease(of: universe), keys.epoch(of: universe), keys.universes],
                       arguments: [node, ttl, universe]) { result in
                guard case .success(let value) = result, let fields = value.elements, fields.count == 3,
                      let granted = fields[0].integer, let holder = fields[1].string,
                      let epoch = fields[2].integer.map(UInt64.init) else { return completion(.failed) }
                completion(granted == 1 ? .granted(epoch: epoch) : .heldBy(owner: holder, epoch: epoch))
            }
        case .renew(let epoch):
            client.run(ClusterScripts.renew, keys: [keys.lease(of: universe)], arguments: [node, String(epoch), ttl]) {
                result in
                guard case .success(let value) = result, let extended = value.integer else { return completion(.failed) }
                completion(extended == 1 ? .renewed : .refused)
            }
        case .release(let epoch):
            client.run(ClusterScripts.release, keys: [keys.lease(of: universe)], arguments: [node, String(epoch)]) {
                result in
                guard case .success(let value) = result, let deleted = value.integer else { return completion(.failed) }
                completion(deleted == 1 ? .released : .refused)
            }
        }
    }

    /// Sets `key` to `value` only while `node` holds `universe`'s lease under `epoch`, atomically: a stale
    /// owner's write is refused even if it reaches Redis after the takeover.
    public func fencedSet(_ key: String, to value: String, universe: String, node: String, epoch: UInt64,
                          completion: @escaping (Result<Void, FencedWriteError>) -> Void) {
        client.run(ClusterScripts.fencedSet, keys: [keys.lease(of: universe), key], arguments: [node, String(epoch), value]) {
            result in
            switch result {
            case .success: completion(.success(()))
            case .failure(.server(let message)) where message.hasPrefix("STALE"): completion(.failure(.stale(epoch: epoch)))
            case .failure(let error): completion(.failure(.redis(error)))
            }
        }
    }

    /// Records `node` as alive for `ttl` (a heartbeat).
    public func heartbeat(_ node: NodeRecord, ttl: Duration,
                          completion: @escaping (Result<Void, RedisClientError>) -> Void) {
        let milliseconds = ttl.nanoseconds / 1_000_000
        client.run(ClusterScripts.heartbeat, keys: [keys.node(node.name), keys.nodes],
                   arguments: [node.name, node.address, String(node.load), node.draining ? "1" : "0", String(milliseconds)]) {
            completion($0.map { _ in () })
        }
    }

    /// The live nodes, by name.
    public func nodes(completion: @escaping (Result<[NodeRecord], RedisClientError>) -> Void) {
        client.run(ClusterScripts.nodes, keys: [keys.nodes], arguments: [keys.nodePrefix]) { result in
            completion(result.map { value in
                (value.elements ?? []).compactMap { entry in
                    guard let fields = entry.elements, fields.count == 4, let name = fields[0].string,
                          let address = fields[1].string else { return nil }
                    return NodeRecord(name: name, address: address, load: Int(fields[2].integer ?? 0),
                                      draining: fields[3].string == "1")
                }
            })
        }
    }

    /// Every universe ever leased, by name, with its current owner.
    public func leases(completion: @escaping (Result<[LeaseRecord], RedisClientError>) -> Void) {
        client.run(ClusterScripts.leases, keys: [keys.universes], arguments: [keys.leasePrefix]) { result in
            completion(result.map { value in
                (value.elements ?? []).compactMap { entry in
                    guard let fields = entry.elements, fields.count == 3, let universe = fields[0].string,
                          let owner = fields[1].string, let epoch = fields[2].integer else { return nil }
                    return LeaseRecord(universe: universe, owner: owner.isEmpty ? nil : owner, epoch: UInt64(epoch))
                }
            })
        }
    }
}
