import TestSupport
import Testing
@testable import OrreryWebSocket

/// Seeded fuzzing of the protocol machine: random bytes and mutated valid streams, fed in random
/// pieces. The machine must never trap, must consume everything, and must end either open with
/// well-formed messages or closed with a close code matching the failure.
@Suite struct FrameFuzzTests {
    private static let samples: [[UInt8]] = [
        Array("hello".utf8), Array("κόσμε €𝄞".utf8), [], [0xFF, 0x00, 0x80], [UInt8](repeating: 0x61, count: 130),
    ]

    /// Feeds `input` in random pieces and checks the invariants; returns the events.
    @discardableResult
    private func run(_ input: [UInt8], role: Role, generator: inout TestRandom) -> [WebSocketEvent] {
        var driver = Driver(role: role, configuration: WebSocketConfiguration(maxMessageSize: 300, maxFragments: 8))
        var start = 0
        while start < input.count {
            let chunk = 1 + Int(generator.next() % 40)
            driver.feed(Array(input[start..<min(input.count, start + chunk)]))
            start += chunk
        }
        for (position, event) in driver.events.enumerated() {
            let isLast = position == driver.events.count - 1
            switch event {
            case .text(let payload):
                #expect(UTF8Validator.isValid(payload))
                #expect(payload.count <= 300)
            case .binary(let payload):
                #expect(payload.count <= 300)
            case .ping(let payload), .pong(let payload):
                #expect(payload.count <= 125)
            case .close(let code, let reason):
                #expect(isLast)
                #expect(code.map(\.isValidInCloseFrame) ?? true)
                #expect(UTF8Validator.isValid(reason))
                #expect(driver.replyCloseCode == code?.rawValue)
            case .failed(let error):
                #expect(isLast)
                #expect([1002, 1007, 1009].contains(error.closeCode.rawValue))
                #expect(driver.replyCloseCode == error.closeCode.rawValue)
            }
        }
        let ended = driver.events.last.map { event -> Bool in
            if case .close = event { return true }
            if case .failed = event { return true }
            return false
        } ?? false
        #expect(ended == (driver.machine.state == .closed))
        return driver.events
    }

    private func validStream(role: Role, generator: inout TestRandom) -> [UInt8] {
        var stream: [UInt8] = []
        let mask: () -> MaskKey? = { role == .server ? MaskKey(value: 0x1234_5678) : nil }
        for _ in 0..<(1 + generator.next() % 5) {
            let sample = Self.samples[Int(generator.next() % UInt64(Self.samples.count))]
            switch generator.next() % 5 {
            case 0 where UTF8Validator.isValid(sample):
                FrameEncoder.append(.text, payload: sample, maskKey: mask(), to: &stream)
            case 1:
                FrameEncoder.append(.ping, payload: sample.prefix(125), maskKey: mask(), to: &stream)
            case 2:
                FrameEncoder.append(.binary, payload: sample.prefix(3), fin: false, maskKey: mask(), to: &stream)
                FrameEncoder.append(.pong, payload: sample.prefix(4), maskKey: mask(), to: &stream)
                FrameEncoder.append(.continuation, payload: sample.dropFirst(3), maskKey: mask(), to: &stream)
            default:
                FrameEncoder.append(.binary, payload: sample, maskKey: mask(), to: &stream)
            }
        }
        return stream
    }

    @Test(arguments: [Role.server, .client])
    func randomBytes(role: Role) {
        var generator = TestRandom(seed: role == .server ? 1 : 2)
        for _ in 0..<10_000 {
            let length = Int(generator.next() % 64)
            var input = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if !input.isEmpty && generator.next() % 2 == 0 {
                input[0] = input[0] & 0x8F | 0x80  // a plausible first byte more often
            }
            run(input, role: role, generator: &generator)
        }
    }

    @Test(arguments: [Role.server, .client])
    func mutatedValidStreams(role: Role) {
        var generator = TestRandom(seed: role == .server ? 3 : 4)
        for _ in 0..<10_000 {
            var stream = validStream(role: role, generator: &generator)
            for _ in 0..<(1 + generator.next() % 3) where !stream.isEmpty {
                let position = Int(generator.next() % UInt64(stream.count))
                switch generator.next() % 4 {
                case 0: stream[position] ^= UInt8(1 << (generator.next() % 8))
                case 1: stream[position] = UInt8(truncatingIfNeeded: generator.next())
                case 2: stream.remove(at: position)
                default: stream.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                }
            }
            run(stream, role: role, generator: &generator)
        }
    }

    @Test(arguments: [Role.server, .client])
    func validStreamsDecodeTheSameInAnyPieces(role: Role) {
        var generator = TestRandom(seed: role == .server ? 5 : 6)
        for _ in 0..<2_000 {
            let stream = validStream(role: role, generator: &generator)
            var whole = Driver(role: role)
            whole.feed(stream)
            #expect(whole.machine.state == .open)
            #expect(!whole.events.contains { if case .failed = $0 { true } else { false } })
            let pieces = run(stream, role: role, generator: &generator)
            #expect(pieces == whole.events)
        }
    }
}
