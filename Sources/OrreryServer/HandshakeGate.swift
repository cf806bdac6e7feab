import OrreryNet
import OrreryWire
import Synchronization

/// Decides, before the WebSocket upgrade, whether a request may become a game connection: route, subprotocol,
/// handshake rate per IP, ticket, universe, connection limits; and whether a plain HTTP request is within its
/// address's rate. Shared by every loop (behind a mutex; handshakes are not on the tick path). Every accepted
/// upgrade holds a connection slot until `release` is called.
public final class HandshakeGate: Sendable {
    /// A request that may upgrade.
    public struct Admission: Sendable, Equatable {
        /// The universe asked for.
        public let universe: UniverseDirectory.Entry
        /// Whether the universe was just created on demand (its host must be made on its loop first).
        public let isNew: Bool
        /// The ticket's player id in ticket mode.
        public let identity: UInt32?
        /// The client's IP address (its connection slot).
        public let peer: String
    }

    /// A refused request.
    public struct Rejection: Sendable, Equatable, Error {
        /// The HTTP status to answer with.
        public let status: Int
        /// The `reason` label of `orrery_handshakes_rejected_total`.
        public let reason: String
        /// The response body.
        public let message: String
    }

    private struct Limits {
        var perIP: ConnectionLimiter<String>
        var total = 0
        var rates: KeyedRateLimiter<String>
        var requests: KeyedRateLimiter<String>
    }

    /// The path prefix of game connections.
    public static let pathPrefix = "/universes/"

    private let directory: UniverseDirectory
    private let authority: TicketAuthority?
    private let maximumConnections: Int
    private let limits: Mutex<Limits>

    /// A gate applying `configuration`'s ticket secret and limits to `directory`'s universes.
    public init(configuration: RelayConfiguration, directory: UniverseDirectory) {
        self.directory = directory
        authority = configuration.ticketSecret.map { TicketAuthority(secret: $0) }
        maximumConnections = configuration.maximumConnections
        let perIP = ConnectionLimiter<String>(maximumPerKey: configuration.maximumConnectionsPerIP,
                                              maximumKeys: max(configuration.maximumConnections, 1))
        let rates = KeyedRateLimiter<String>(ratePerSecond: configuration.handshakesPerIPPerSecond,
                                             burst: max(1, configuration.handshakesPerIPPerSecond * 2),
                                             maximumKeys: 65_536)
        let requests = KeyedRateLimiter<String>(ratePerSecond: configuration.httpRequestsPerIPPerSecond,
                                                burst: max(1, configuration.httpRequestsPerIPPerSecond * 2),
                                                maximumKeys: 65_536)
        limits = Mutex(Limits(perIP: perIP, rates: rates, requests: requests))
    }

    /// Whether a plain HTTP request from `peer` at `now` (monotonic nanoseconds) is within its rate (else 429).
    public func admitRequest(peer: String, now: UInt64) -> Bool {
        limits.withLock { $0.requests.allow(peer, now: now) }
    }

    /// The universe name in a game path (`/universes/{name}`), nil for another path; throws 400 for a malformed
    /// name.
    public static func universeName(inPath path: String) throws(Rejection) -> String? {
        guard path.hasPrefix(pathPrefix) else { return nil }
        let name = String(path.dropFirst(pathPrefix.count))
        guard Ticket.isValidUniverse(name) else {
            throw Rejection(status: 400, reason: "bad_universe_name",
                            message: "universe names are 1-32 characters from a-z, 0-9, _ and -")
        }
        return name
    }

    /// The ticket in a query string (`ticket=...`) or an `Authorization: Bearer ...` value.
    public static func ticket(query: String?, authorization: String?) -> String? {
        for pair in (query ?? "").split(separator: "&") where pair.hasPrefix("ticket=") {
            return String(pair.dropFirst("ticket=".count))
        }
        if let authorization, authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingSpaces()
        }
        return nil
    }

    /// Admits or refuses one upgrade request. `now` is monotonic nanoseconds, `unixTime` seconds.
    public func admit(path: String, query: String?, authorization: String?, selectedProtocol: String?,
                      peer: String, now: UInt64, unixTime: Int64) -> Result<Admission, Rejection> {
        guard limits.withLock({ $0.rates.allow(peer, now: now) }) else {
            return .failure(Rejection(status: 429, reason: "rate_limited", message: "too many handshakes"))
        }
        let name: String
        do throws(Rejection) {
            guard let found = try Self.universeName(inPath: path) else {
                return .failure(Rejection(status: 404, reason: "not_found", message: "no such route"))
            }
            name = found
        } catch {
            return .failure(error)
        }
        guard selectedProtocol == WireProtocol.subprotocol else {
            return .failure(Rejection(status: 400, reason: "no_subprotocol",
                                      message: "offer the subprotocol \(WireProtocol.subprotocol)"))
        }
        var identity: UInt32?
        if let authority {
            do throws(TicketError) {
                let text = Self.ticket(query: query, authorization: authorization)
                identity = try authority.verify(text, universe: name, now: unixTime).playerId
            } catch {
                return .failure(Rejection(status: error.httpStatus, reason: error.reason,
                                          message: error.description))
            }
        }
        if let refusal = takeSlot(peer) { return .failure(refusal) }
        switch directory.admit(name) {
        case .existing(let entry):
            return .success(Admission(universe: entry, isNew: false, identity: identity, peer: peer))
        case .created(let entry):
            return .success(Admission(universe: entry, isNew: true, identity: identity, peer: peer))
        case .unknown:
            release(peer)
            return .failure(Rejection(status: 404, reason: "unknown_universe", message: "no universe \(name)"))
        case .full:
            release(peer)
            return .failure(Rejection(status: 503, reason: "universe_limit", message: "too many universes"))
        }
    }

    /// Gives back the connection slot of an admitted request (when its connection ends).
    public func release(_ peer: String) {
        limits.withLock { limits in
            limits.perIP.release(peer)
            limits.total -= 1
        }
    }

    /// Forgets idle handshake-rate and request-rate entries (call now and then).
    public func sweep(now: UInt64) {
        limits.withLock { limits in
            limits.rates.evictIdle(now: now)
            limits.requests.evictIdle(now: now)
        }
    }

    private func takeSlot(_ peer: String) -> Rejection? {
        limits.withLock { limits in
            guard limits.total < maximumConnections else {
                return Rejection(status: 503, reason: "connection_limit", message: "server full")
            }
            guard limits.perIP.acquire(peer) else {
                return Rejection(status: 503, reason: "ip_connection_limit", message: "too many connections")
            }
            limits.total += 1
            return nil
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
