import OrreryArena
import OrreryClient
import OrreryServer
import OrreryWire
import OrreryWorld

/// A sink that decodes what the host sends (in the version of the welcome, with the schema once it came) and
/// remembers the close.
final class RecordingSink: SessionSink {
    var messages: [ServerMessage] = []
    var bytes: [[UInt8]] = []
    var undecodable = 0
    var closeCode: UInt16?
    var closeReason = ""
    var dialect = WireDialect.v1

    func send(_ message: ArraySlice<UInt8>) {
        precondition(closeCode == nil, "sent after close")
        bytes.append(Array(message))
        do {
            let decoded = try WireDecoder.decodeServerMessage(message, dialect: dialect)
            switch decoded {
            case .welcome(let welcome) where dialect.schema == nil: dialect = welcome.version >= 2 ? .v2 : .v1
            case .schema(let schema): dialect = WireDialect(schema: schema)
            default: break
            }
            messages.append(decoded)
        } catch {
            undecodable += 1
        }
    }

    func close(code: UInt16, reason: String) {
        precondition(closeCode == nil, "closed twice")
        closeCode = code
        closeReason = reason
    }

    /// Error codes received.
    var errorCodes: [UInt16] {
        messages.compactMap { if case .error(let error) = $0 { error.code } else { nil } }
    }
}

/// One test client: a sink on a host link, and a replica fed by what arrives.
struct HostClient {
    var sink = RecordingSink()
    var link: ClientLink
    var replica = Replica()
    var welcome: Welcome?
    /// Messages of `sink.messages` already applied.
    var consumed = 0
    var inputSeq: UInt32 = 0
    var problems: [String] = []

    init(host: UniverseHost, identity: UInt32? = nil, now: UInt64) {
        link = host.connect(sink, identity: identity, now: now)
    }

    /// Applies every message that arrived since the last call.
    mutating func drain() {
        while consumed < sink.messages.count {
            let message = sink.messages[consumed]
            consumed += 1
            do {
                switch message {
                case .welcome(let welcome):
                    if self.welcome == nil { replica.begin(welcome) } else { replica.resume(welcome) }
                    self.welcome = welcome
                case .eventFrame(let frame): try replica.apply(frame)
                case .reset(let reset): try replica.apply(reset)
                case .schema(let schema): replica.apply(schema)
                case .error, .pong: break
                }
            } catch {
                problems.append("\(error)")
            }
        }
    }

    /// Reconnects on a new link (same replica), e.g. before a resume.
    mutating func reconnect(host: UniverseHost, identity: UInt32? = nil, now: UInt64) -> RecordingSink {
        sink = RecordingSink()
        consumed = 0
        link = host.connect(sink, identity: identity, now: now)
        return sink
    }
}

/// Helpers to drive a host.
enum HostFixture {
    static let second: UInt64 = 1_000_000_000

    /// A small arena host (600 m square, 80 m view) with seeded tokens.
    static func host(policy: HostPolicy = HostPolicy(), seed: UInt64 = 7, asteroids: Int = 60,
                     npcs: Int = 10) throws -> UniverseHost {
        let config = UniverseConfig(width: 600 * 256, height: 600 * 256, viewRadius: 80 * 256,
                                    hysteresis: 8 * 256, seed: seed)
        let universe = try Universe(config: config, rules: ArenaRules(config: ArenaConfig(asteroidCount: asteroids,
                                                                                          npcCount: npcs)))
        return UniverseHost(name: "test", universe: universe, policy: policy, tokens: ResumeTokenSource(seed: seed))
    }

    /// A host for any rules in a 200 m square world with a 50 m view.
    static func host(rules: some GameRules, policy: HostPolicy = HostPolicy()) throws -> UniverseHost {
        let config = UniverseConfig(width: 200 * 256, height: 200 * 256, viewRadius: 50 * 256,
                                    hysteresis: 5 * 256, seed: 3)
        return UniverseHost(name: "game", universe: try Universe(config: config, rules: rules), policy: policy,
                            tokens: ResumeTokenSource(seed: 3))
    }

    static func encode(_ message: ClientMessage, dialect: WireDialect = .v2) -> [UInt8] {
        var bytes: [UInt8] = []
        try! WireEncoder.encode(message, dialect: dialect, into: &bytes)
        return bytes
    }

    static func join(_ host: UniverseHost, _ client: HostClient, role: Role = .player, region: Region? = nil,
                     version: UInt8 = WireProtocol.version, now: UInt64) {
        host.receive(encode(.join(Join(version: version, role: role, region: region)))[...], from: client.link,
                     now: now)
    }

    static func resume(_ host: UniverseHost, link: ClientLink, token: ResumeToken, lastSeq: UInt64,
                       version: UInt8 = WireProtocol.version, now: UInt64) {
        host.receive(encode(.resume(Resume(version: version, token: token, lastSeq: lastSeq)))[...], from: link,
                     now: now)
    }

    static func input(_ host: UniverseHost, _ client: inout HostClient, heading: UInt16, throttle: UInt8,
                      now: UInt64) {
        client.inputSeq += 1
        let input = OrreryWire.PlayerInput(seq: client.inputSeq, heading: heading, throttle: throttle, actions: 0)
        host.receive(encode(.input(input), dialect: client.sink.dialect)[...], from: client.link, now: now)
    }

    /// Differences between a client's replica and the host's truth for that observer (empty = exact).
    static func mismatches(_ client: HostClient, host: UniverseHost, observer: UInt32) -> [String] {
        var problems: [String] = []
        let universe = host.universe
        guard client.replica.tick <= universe.tick else {
            return ["replica at tick \(client.replica.tick), universe at \(universe.tick)"]
        }
        let ahead = universe.tick - client.replica.tick
        let visible = universe.visibleEntityIDs(of: observer) ?? []
        if Set(visible) != Set(client.replica.entities.keys) {
            problems.append("observer \(observer) sees \(visible.count), replica holds \(client.replica.entities.count)")
        }
        for id in visible {
            guard let truth = universe.entity(id), let record = client.replica.entity(id)?.advanced(byTicks: ahead) else {
                continue
            }
            let wire = WorldToWire.record(truth)
            if wire != record { problems.append("entity \(id): truth \(wire), replica \(record)") }
        }
        return problems
    }
}
