/// How long a universe's lease lives and when its owner renews it.
///
/// The fencing rule: a lease granted or renewed by a request *sent* at local time `s` lets this node tick the
/// universe until `s + ttl - safetyMargin`, and not a moment longer, reply or no reply. Redis starts the ttl when
/// it runs the script, which is after `s`, so the key expires in Redis no earlier than `s + ttl` and no other node
/// can take the lease over before then. `safetyMargin` covers the rate difference between this node's clock and
/// Redis's (and a tick already under way when the deadline passes). A node cut off from Redis therefore stops
/// ticking before another node can start: no universe ever has two owners that tick it.
public struct LeasePolicy: Equatable, Sendable {
    /// Lease life in Redis. Default 2 s: a dead node's universes can be taken over 2 s after its last renewal,
    /// inside the 3 s failover target, while a healthy node renews several times per life.
    public var ttl: Duration
    /// Time between renewals, counted from when the last one was sent. Default a third of `ttl`, so two renewals
    /// in a row can fail (a Redis restart, a slow reply) before the lease runs out.
    public var renewInterval: Duration
    /// How much earlier than Redis this node considers its lease gone. Default a tenth of `ttl` (200 ms at the
    /// default): clock rate drift is parts per million, so this is mostly room for a late timer or tick.
    public var safetyMargin: Duration
    /// How soon to try again after a failed or refused request. Default a quarter of `ttl`.
    public var retryInterval: Duration

    public init(ttl: Duration = .seconds(2), renewInterval: Duration? = nil, safetyMargin: Duration? = nil,
                retryInterval: Duration? = nil) {
        self.ttl = ttl
        self.renewInterval = renewInterval ?? ttl / 3
        self.safetyMargin = safetyMargin ?? ttl / 10
        self.retryInterval = retryInterval ?? ttl / 4
    }

    /// The ttl in whole milliseconds, as the scripts pass it to `PEXPIRE`.
    public var ttlMilliseconds: Int64 { ttl.nanoseconds / 1_000_000 }
}

extension Duration {
    /// This duration in whole nanoseconds (the unit the machines are handed the time in).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
