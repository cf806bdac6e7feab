import OrreryWire
import TestSupport

/// Generates valid messages of every type, mixing edge values with ordinary ones.
struct RandomMessages {
    var rng: TestRandom

    init(seed: UInt64) {
        rng = TestRandom(seed: seed)
    }

    private mutating func pick<T: FixedWidthInteger>(_ type: T.Type, edges: [T] = []) -> T {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: (edges + [T.min, T.max, 0, 1]).randomElement(using: &rng) ?? 0
        case 1: T(truncatingIfNeeded: Int8.random(in: .min ... .max, using: &rng))
        default: T.random(in: .min ... .max, using: &rng)
        }
    }

    private mutating func nonZero<T: FixedWidthInteger>(_ type: T.Type) -> T {
        let value = pick(type)
        return value == 0 ? 1 : value
    }

    private mutating func nonNegative(_ minimum: Int32 = 0) -> Int32 {
        max(minimum, pick(Int32.self) & Int32.max)
    }

    private mutating func text(maxBytes: Int) -> String {
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "\t", "é", "€", "🚀"]
        var result = ""
        let length = Int.random(in: 1...maxBytes, using: &rng)
        while true {
            let next = alphabet.randomElement(using: &rng) ?? "a"
            guard result.utf8.count + String(next).utf8.count <= length else { break }
            result.append(next)
        }
        return result.isEmpty ? "x" : result
    }

    private mutating func token() -> ResumeToken {
        ResumeToken(low: pick(UInt64.self), high: pick(UInt64.self))
    }

    mutating func record() -> EntityRecord {
        EntityRecord(id: nonZero(UInt32.self), kind: pick(UInt8.self), x: pick(Int32.self), y: pick(Int32.self),
                     vx: pick(Int32.self), vy: pick(Int32.self), heading: pick(UInt16.self), radius: nonNegative(),
                     owner: pick(UInt32.self))
    }

    mutating func event() -> WireEvent {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: .appeared(record())
        case 1: .changed(EntityMotion(id: nonZero(UInt32.self), x: pick(Int32.self), y: pick(Int32.self),
                                      vx: pick(Int32.self), vy: pick(Int32.self), heading: pick(UInt16.self)))
        case 2: .disappeared(id: nonZero(UInt32.self))
        case 3: .destroyed(id: nonZero(UInt32.self), reason: DestroyReason.allCases.randomElement(using: &rng)!)
        default: .avatar(id: pick(UInt32.self))
        }
    }

    mutating func clientMessage() -> ClientMessage {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            let role = Role.allCases.randomElement(using: &rng)!
            let region = role == .spectator && Bool.random(using: &rng)
                ? Region(x: pick(Int32.self), y: pick(Int32.self), width: nonNegative(1), height: nonNegative(1))
                : nil
            let name = Bool.random(using: &rng) ? text(maxBytes: WireProtocol.maxDisplayNameBytes) : nil
            return .join(Join(version: pick(UInt8.self), role: role, region: region, displayName: name))
        case 1: return .resume(Resume(version: pick(UInt8.self), token: token(), lastSeq: pick(UInt64.self)))
        case 2: return .input(PlayerInput(seq: pick(UInt32.self), heading: pick(UInt16.self),
                                          throttle: pick(UInt8.self), actions: pick(UInt8.self)))
        default: return .ping(Ping(clientTimestamp: pick(UInt64.self)))
        }
    }

    mutating func serverMessage() -> ServerMessage {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            return .welcome(Welcome(
                version: pick(UInt8.self), playerId: pick(UInt32.self), avatarId: pick(UInt32.self),
                tickRateHz: UInt32.random(in: WireProtocol.tickRateRange, using: &rng),
                currentTick: pick(UInt64.self), worldWidth: nonNegative(1), worldHeight: nonNegative(1),
                viewRadius: nonNegative(), viewHysteresis: nonNegative(), keepAliveTicks: nonZero(UInt32.self),
                resumeToken: token(), firstSeq: pick(UInt64.self)))
        case 1:
            let count = Int.random(in: 0...12, using: &rng)
            return .eventFrame(EventFrame(seq: pick(UInt64.self), tick: pick(UInt64.self),
                                          lastInputSeq: pick(UInt32.self), events: (0..<count).map { _ in event() }))
        case 2:
            let count = Int.random(in: 0...6, using: &rng)
            return .reset(ResetFrame(seq: pick(UInt64.self), tick: pick(UInt64.self), lastInputSeq: pick(UInt32.self),
                                     avatarId: pick(UInt32.self), entities: (0..<count).map { _ in record() }))
        case 3:
            let message = Bool.random(using: &rng) ? text(maxBytes: 64) : ""
            return .error(ErrorMessage(code: pick(UInt16.self), message: message))
        default:
            return .pong(Pong(clientTimestamp: pick(UInt64.self), serverTick: pick(UInt64.self)))
        }
    }
}
