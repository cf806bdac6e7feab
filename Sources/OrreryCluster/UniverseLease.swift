/// One universe's lease as this node sees it: a sans-I/O machine handed the time (nanoseconds on a monotonic clock).
///
/// The caller asks `poll(now:)` which request to send to Redis (at most one is in flight), sends it through
/// `LeaseStore`, and hands the answer to `receive(_:now:)`. `mayTick(now:)` says whether the universe may run
/// here at this instant; it turns false at the deadline `LeasePolicy` describes even if Redis never answers again.
public struct UniverseLease: Sendable {
    /// Where the lease stands.
    public enum State: Equatable, Sendable {
        /// Not ours; try to acquire it at `retryAt`.
        case unowned(retryAt: UInt64)
        /// An acquire sent at `sentAt` is awaiting its answer.
        case acquiring(sentAt: UInt64)
        /// Ours under `epoch` until `validUntil`; renew at `renewAt`.
        case held(epoch: UInt64, validUntil: UInt64, renewAt: UInt64)
        /// Ours under `epoch` until `validUntil`; a renewal sent at `sentAt` is awaiting its answer.
        case renewing(epoch: UInt64, validUntil: UInt64, sentAt: UInt64)
        /// Given up on purpose (`release`); nothing more is requested.
        case released
    }

    /// What to ask Redis for.
    public enum Request: Equatable, Sendable {
        case acquire
        case renew(epoch: UInt64)
        case release(epoch: UInt64)
    }

    /// Redis's answer to a request.
    public enum Reply: Equatable, Sendable {
        /// Acquired under this (new, higher) epoch.
        case granted(epoch: UInt64)
        /// Another live node holds it.
        case heldBy(owner: String, epoch: UInt64)
        /// The renewal extended the lease.
        case renewed
        /// The release deleted the lease.
        case released
        /// The renewal (or release) was refused: the lease expired or another node took it over with a higher epoch.
        case refused
        /// No answer (timeout, lost connection, error reply): the outcome is unknown.
        case failed
    }

    /// The universe this lease is for.
    public let universe: String
    /// The timing it follows.
    public let policy: LeasePolicy
    /// The current state.
    public private(set) var state: State
    /// The other node seen holding the lease at the last refused acquire, with its epoch.
    public private(set) var otherOwner: (name: String, epoch: UInt64)?
    /// Times the lease was lost while this node held it (refused renewal, or its deadline passed unconfirmed).
    public private(set) var losses = 0

    /// A lease this node does not hold yet; the first `poll` asks for it.
    public init(universe: String, policy: LeasePolicy = LeasePolicy()) {
        self.universe = universe
        self.policy = policy
        state = .unowned(retryAt: 0)
    }

    /// The epoch under which this node may tick the universe now, or nil.
    public func epoch(now: UInt64) -> UInt64? {
        switch state {
        case .held(let epoch, let validUntil, _), .renewing(let epoch, let validUntil, _):
            now < validUntil ? epoch : nil
        default:
            nil
        }
    }

    /// Whether this node may tick the universe at `now`.
    public func mayTick(now: UInt64) -> Bool { epoch(now: now) != nil }

    /// The request to send now, if any (marking it in flight), after expiring a lease whose deadline passed.
    public mutating func poll(now: UInt64) -> Request? {
        switch state {
        case .unowned(let retryAt):
            guard now >= retryAt else { return nil }
            state = .acquiring(sentAt: now)
            return .acquire
        case .held(let epoch, let validUntil, let renewAt):
            if now >= validUntil {
                lose(now: now)
                return poll(now: now)
            }
            guard now >= renewAt else { return nil }
            state = .renewing(epoch: epoch, validUntil: validUntil, sentAt: now)
            return .renew(epoch: epoch)
        case .renewing(_, let validUntil, _):
            // The renewal may still be answered, but the lease must not be trusted past its deadline.
            if now >= validUntil { lose(now: now) }
            return nil
        case .acquiring, .released:
            return nil
        }
    }

    /// When `poll` may next have something to do (nil while waiting for an answer with no deadline to watch).
    public var nextDeadline: UInt64? {
        switch state {
        case .unowned(let retryAt): retryAt
        case .held(_, let validUntil, let renewAt): min(validUntil, renewAt)
        case .renewing(_, let validUntil, _): validUntil
        case .acquiring, .released: nil
        }
    }

    /// Hands over Redis's answer to the request in flight.
    public mutating func receive(_ reply: Reply, now: UInt64) {
        let ttl = UInt64(policy.ttl.nanoseconds - policy.safetyMargin.nanoseconds)
        let retry = UInt64(policy.retryInterval.nanoseconds)
        switch (state, reply) {
        case (.acquiring(let sentAt), .granted(let epoch)):
            otherOwner = nil
            state = .held(epoch: epoch, validUntil: sentAt + ttl, renewAt: sentAt + UInt64(policy.renewInterval.nanoseconds))
        case (.acquiring, .heldBy(let owner, let epoch)):
            otherOwner = (owner, epoch)
            state = .unowned(retryAt: now + retry)
        case (.acquiring, _):
            state = .unowned(retryAt: now + retry)
        case (.renewing(let epoch, let validUntil, let sentAt), .renewed):
            guard now < validUntil else { return lose(now: now) }
            state = .held(epoch: epoch, validUntil: sentAt + ttl, renewAt: sentAt + UInt64(policy.renewInterval.nanoseconds))
        case (.renewing(let epoch, let validUntil, _), .failed):
            guard now < validUntil else { return lose(now: now) }
            state = .held(epoch: epoch, validUntil: validUntil, renewAt: min(now + retry, validUntil))
        case (.renewing, _):
            lose(now: now)
        default:
            // An answer after the lease was already given up or expired locally: the state already says what holds.
            return
        }
    }

    /// Gives the lease up (a node shutting down): returns the release to send, if this node held it.
    public mutating func release() -> Request? {
        let held: UInt64?
        switch state {
        case .held(let epoch, _, _), .renewing(let epoch, _, _): held = epoch
        default: held = nil
        }
        state = .released
        return held.map { .release(epoch: $0) }
    }

    private mutating func lose(now: UInt64) {
        losses += 1
        state = .unowned(retryAt: now)
    }
}
