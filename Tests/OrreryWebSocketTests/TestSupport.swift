@testable import OrreryWebSocket

/// Builds one frame's wire bytes (the encoder under test is checked against golden bytes elsewhere).
func frame(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true, mask: MaskKey? = MaskKey(1, 2, 3, 4)) -> [UInt8] {
    var out: [UInt8] = []
    FrameEncoder.append(opcode, payload: payload, fin: fin, maskKey: mask, to: &out)
    return out
}

/// A masked client frame header with arbitrary first byte and 7-bit length (for rule violations).
func rawHeader(_ first: UInt8, length: UInt8, masked: Bool = true) -> [UInt8] {
    [first, (masked ? 0x80 : 0) | length] + (masked ? [1, 2, 3, 4] : [])
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Drives a machine the way the event loop will: reads of `chunk` bytes, events until nil.
struct Driver {
    var machine: WebSocketMachine
    var outbound: [UInt8] = []
    var events: [WebSocketEvent] = []

    init(role: Role = .server, configuration: WebSocketConfiguration = WebSocketConfiguration()) {
        machine = WebSocketMachine(role: role, configuration: configuration,
                                   maskKeySource: { MaskKey(0xA1, 0xB2, 0xC3, 0xD4) })
    }

    mutating func feed(_ input: [UInt8], chunk: Int = Int.max) {
        var start = 0
        while start < input.count {
            var buffer = Array(input[start..<min(input.count, start &+ chunk)])
            var index = 0
            while let event = machine.receive(from: &buffer, index: &index, end: buffer.count, outbound: &outbound) {
                events.append(event)
            }
            precondition(index == buffer.count, "the machine must consume every byte")
            start += buffer.count
        }
    }

    /// The outbound bytes decoded as server-to-client (or client-to-server) frames.
    var replies: [(Opcode, [UInt8])] {
        var decoder = FrameDecoder(role: machine.role == .server ? .client : .server)
        var buffer = outbound
        var index = 0
        var result: [(Opcode, [UInt8])] = []
        var current: Opcode = .continuation
        while let event = try? decoder.next(in: &buffer, index: &index, end: buffer.count) {
            switch event {
            case .header(let header):
                current = header.opcode
                result.append((current, []))
            case .payload(let range, _):
                result[result.count - 1].1 += buffer[range]
            }
        }
        return result
    }

    /// The close code of the single reply close frame, if any.
    var replyCloseCode: UInt16? {
        guard let close = replies.last(where: { $0.0 == .close }) else { return nil }
        return close.1.count >= 2 ? UInt16(close.1[0]) << 8 | UInt16(close.1[1]) : nil
    }
}
