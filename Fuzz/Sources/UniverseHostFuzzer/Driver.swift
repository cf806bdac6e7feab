import FuzzSupport
import OrreryServer
import OrreryWire

/// The state of one fuzzed run: the host, its clock, and every connection ever opened.
struct Driver {
    let host: UniverseHost
    let identities: Bool
    var now: UInt64 = 1_000_000_000
    var probes: [Probe] = []
    /// The encoded message buffer, reused.
    var bytes: [UInt8] = []

    init(host: UniverseHost, identities: Bool) {
        self.host = host
        self.identities = identities
    }

    /// Runs the operation the next byte names.
    mutating func step(_ input: inout FuzzInput) {
        let operation = input.byte()
        switch operation % 16 {
        case 0, 1:
            connect(identity: identities ? UInt32(1 + input.below(3)) : nil)
        case 2, 3:
            join(Join(version: operation & 1 == 0 ? 2 : 1, role: .player), on: input.byte())
        case 4:
            let shape = input.byte()
            let region = shape & 1 == 0 ? nil : Region(x: -4000, y: 2000, width: 9000, height: 7000)
            join(Join(version: 1 + shape >> 1 & 1, role: .spectator, region: region), on: input.byte())
        case 5:
            resume(from: input.byte(), on: input.byte(), offset: input.byte())
        case 6:
            let code = input.below(4)
            send(.command(WireCommand(code: UInt8(code), payload: Array(input.take(input.below(24))))),
                 on: input.byte())
        case 7, 13:
            let seq = UInt32(input.byte())
            let payload = operation % 16 == 7 ? [] : Array(input.take(input.below(8)))
            send(.input(PlayerInput(seq: seq, heading: input.u16(), throttle: input.byte(), actions: input.byte(),
                                    payload: payload)),
                 on: input.byte())
        case 8:
            send(.ping(Ping(clientTimestamp: UInt64(input.u32()))), on: input.byte())
        case 9:
            let target = input.byte()
            let raw = input.take(input.below(24))
            if let probe = probe(target) { host.receive(raw, from: probe.link, now: now) }
        case 10:
            if let probe = probe(input.byte()) { host.receiveText(from: probe.link, now: now) }
        case 11:
            if let probe = probe(input.byte()) { disconnect(probe) }
        case 12:
            tick()
        case 14:
            now += UInt64(input.byte()) * 20_000_000
            tick()
        default:
            if operation == 255 {
                host.closeAll(code: 4006, reason: "universe closed")
            } else {
                for _ in 0..<input.below(48) { tick() }
            }
        }
        for probe in probes where probe.closeCode != nil && !probe.disconnected && input.byte() & 3 == 0 {
            disconnect(probe)
        }
    }

    mutating func connect(identity: UInt32?) {
        let probe = Probe()
        probe.link = host.connect(probe, identity: identity, now: now)
        probes.append(probe)
    }

    /// The connection a byte names (most recent connections most often), nil before any.
    func probe(_ choice: UInt8) -> Probe? {
        guard !probes.isEmpty else { return nil }
        return probes[probes.count - 1 - Int(choice) % min(probes.count, 8)]
    }

    /// Sends a join; the connection reads what follows in the join's version unless it was welcomed already.
    mutating func join(_ join: Join, on choice: UInt8) {
        guard let probe = probe(choice) else { return }
        if probe.token == nil { probe.version = join.version }
        send(.join(join), on: choice)
    }

    /// Sends `message` encoded in the connection's version, or in version 2 when version 1 cannot say it (a
    /// command, an input payload): the host must refuse it. Version 2 uses the protocol's limits, not the schema's,
    /// so commands and payloads outside the schema reach the host too.
    mutating func send(_ message: ClientMessage, on choice: UInt8) {
        guard let probe = probe(choice) else { return }
        bytes.removeAll(keepingCapacity: true)
        if probe.version < 2, (try? WireEncoder.encode(message, dialect: .v1, into: &bytes)) != nil {
            return host.receive(bytes[...], from: probe.link, now: now)
        }
        bytes.removeAll(keepingCapacity: true)
        do throws(WireEncodingError) {
            try WireEncoder.encode(message, dialect: .v2, into: &bytes)
        } catch {
            return fuzzCheck(false, "the driver's own \(message) does not encode")
        }
        host.receive(bytes[...], from: probe.link, now: now)
    }

    /// Resumes, on a connection, the session another connection was welcomed to, from the seq it last had
    /// (shifted down by `offset` when its top bit is set: a client that lost frames it had been sent), in that
    /// session's version (the other one when bit 6 of `offset` is set: refused with 4003).
    mutating func resume(from source: UInt8, on target: UInt8, offset: UInt8) {
        let welcomed = probes.filter { $0.token != nil }
        guard !welcomed.isEmpty, let probe = probe(target) else { return }
        let previous = welcomed[Int(source) % welcomed.count]
        let back = offset & 0x80 == 0 ? 0 : UInt64(offset & 0x7F)
        let lastSeq = previous.lastSeq - min(back, previous.lastSeq)
        let wasWelcomed = probe.token != nil
        let version = offset & 0x40 == 0 ? previous.version : 3 - previous.version
        if !wasWelcomed {
            probe.version = version
            probe.schema = previous.schema
        }
        send(.resume(Resume(version: version, token: previous.token!, lastSeq: lastSeq)), on: target)
        guard !wasWelcomed, let seq = probe.nextSeq else { return }
        fuzzCheck(seq >= lastSeq + 1, "resume from seq \(lastSeq) welcomed at \(seq)")
    }

    mutating func disconnect(_ probe: Probe) {
        probe.disconnected = true
        host.disconnected(probe.link, now: now)
    }

    mutating func tick() {
        now += UniverseHostFuzzer.tickNanoseconds
        host.tick(now: now)
    }

    /// The host's counts agree with the driver's view.
    func checkCounts() {
        let open = probes.filter(\.isOpen).count
        fuzzCheck(host.linkCount == open, "host counts \(host.linkCount) links, \(open) are open")
        fuzzCheck(host.sessionCount == host.playerCount + host.spectatorCount,
                  "\(host.sessionCount) sessions, \(host.playerCount) players, \(host.spectatorCount) spectators")
        fuzzCheck(host.playerCount <= host.policy.maximumPlayers, "\(host.playerCount) players over the cap")
        fuzzCheck(host.spectatorCount <= host.policy.maximumSpectators, "\(host.spectatorCount) spectators over the cap")
        for probe in probes where probe.schema != nil {
            fuzzCheck(probe.schema == host.schemaMessage, "a connection was sent another schema than the game's")
        }
        fuzzCheck(host.universe.world.playerIDs.count == host.playerCount,
                  "the universe has \(host.universe.world.playerIDs.count) players, the host \(host.playerCount)")
    }

    /// Everything disconnects; after the grace period, nothing is left.
    mutating func drain() {
        for probe in probes where !probe.disconnected { disconnect(probe) }
        checkCounts()
        now += host.policy.graceNanoseconds + host.policy.helloTimeoutNanoseconds
        tick()
        fuzzCheck(host.linkCount == 0, "\(host.linkCount) links left")
        fuzzCheck(host.sessionCount == 0, "\(host.sessionCount) sessions left")
        fuzzCheck(host.playerCount == 0 && host.spectatorCount == 0, "players or spectators left")
        fuzzCheck(host.universe.world.playerIDs.isEmpty, "the universe still has players")
    }
}
