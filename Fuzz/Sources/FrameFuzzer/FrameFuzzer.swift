import FuzzSupport
import OrreryWebSocket

/// Fuzzes the WebSocket frame decoder and the protocol machine built on it.
///
/// Input: byte 0 picks the role (bit 0) and small or default message caps (bit 1), byte 1 seeds the split points,
/// the rest is the received stream. Properties:
/// - the decoder reports the same headers, payloads and error (at the same offset) whether the stream arrives
///   whole or in pieces;
/// - the frames it decoded, encoded again by `FrameEncoder`, decode to the same frames;
/// - the machine reports the same events and writes the same replies whole or in pieces, ends closed exactly when
///   its last event is a close or a failure, and its messages respect the caps.
enum FrameFuzzer {
    /// What a decoder made of a stream.
    struct Trace: Equatable {
        var headers: [FrameHeader] = []
        /// Unmasked payload of each frame (the last may be partial).
        var payloads: [[UInt8]] = []
        var error: WebSocketError?
        /// Bytes consumed when the stream ended or the error was found.
        var consumed = 0

        /// The frames whose payload arrived in full.
        var completeFrames: [(FrameHeader, [UInt8])] {
            zip(headers, payloads).filter { UInt64($0.1.count) == $0.0.payloadLength }
        }
    }

    static func run(_ input: inout FuzzInput) {
        let flags = input.byte()
        let seed = input.byte()
        let stream = Array(input.rest())
        let role: Role = flags & 1 == 0 ? .server : .client
        let small = flags & 2 != 0
        let maxMessage = small ? 300 : 1 << 20
        let maxFragments = small ? 4 : 1024

        let whole = decode(stream, pieces: [0..<stream.count], role: role, maxMessage, maxFragments)
        let split = decode(stream, pieces: Pieces.ranges(count: stream.count, seed: seed), role: role,
                           maxMessage, maxFragments)
        fuzzCheck(whole == split, "whole \(whole) but in pieces \(split)")
        checkReencoding(whole, role: role, maxMessage, maxFragments)

        let configuration = WebSocketConfiguration(maxMessageSize: maxMessage, maxFragments: maxFragments)
        let machineWhole = machine(stream, pieces: [0..<stream.count], role: role, configuration)
        let machineSplit = machine(stream, pieces: Pieces.ranges(count: stream.count, seed: seed), role: role,
                                   configuration)
        fuzzCheck(machineWhole.events == machineSplit.events, "machine events differ whole and in pieces")
        fuzzCheck(machineWhole.outbound == machineSplit.outbound, "machine replies differ whole and in pieces")
        checkMachine(machineWhole, maxMessage: maxMessage)
    }

    /// Decodes `stream` delivered as `pieces`, each copied into its own read buffer.
    static func decode(_ stream: [UInt8], pieces: [Range<Int>], role: Role, _ maxMessage: Int,
                       _ maxFragments: Int) -> Trace {
        var decoder = FrameDecoder(role: role, maxMessageSize: maxMessage, maxFragments: maxFragments)
        var trace = Trace()
        for piece in pieces {
            var buffer = Array(stream[piece])
            var index = 0
            while true {
                let event: FrameDecoder.Event?
                do throws(WebSocketError) {
                    event = try decoder.next(in: &buffer, index: &index, end: buffer.count)
                } catch {
                    trace.error = error
                    trace.consumed = piece.lowerBound + index
                    return trace
                }
                guard let event else { break }
                switch event {
                case .header(let header):
                    trace.headers.append(header)
                    trace.payloads.append([])
                case .payload(let range, _):
                    trace.payloads[trace.payloads.count - 1].append(contentsOf: buffer[range])
                }
            }
            fuzzCheck(index == buffer.count, "decoder stopped at \(index) of \(buffer.count) without an error")
            trace.consumed = piece.upperBound
        }
        return trace
    }

    /// The complete frames, encoded again, decode to themselves.
    static func checkReencoding(_ trace: Trace, role: Role, _ maxMessage: Int, _ maxFragments: Int) {
        let frames = trace.completeFrames
        var encoded: [UInt8] = []
        for (header, payload) in frames {
            FrameEncoder.append(header.opcode, payload: payload, fin: header.fin, maskKey: header.maskKey,
                                to: &encoded)
        }
        let again = decode(encoded, pieces: [0..<encoded.count], role: role, maxMessage, maxFragments)
        fuzzCheck(again.error == nil, "re-encoded frames fail: \(String(describing: again.error))")
        fuzzCheck(again.headers == frames.map(\.0), "re-encoded headers differ")
        fuzzCheck(again.payloads == frames.map(\.1), "re-encoded payloads differ")
    }

    struct MachineTrace {
        var events: [WebSocketEvent] = []
        var outbound: [UInt8] = []
        var closed = false
    }

    static func machine(_ stream: [UInt8], pieces: [Range<Int>], role: Role,
                        _ configuration: WebSocketConfiguration) -> MachineTrace {
        var machine = WebSocketMachine(role: role, configuration: configuration,
                                       maskKeySource: { MaskKey(value: 0x0BAD_CAFE) })
        var trace = MachineTrace()
        for piece in pieces {
            var buffer = Array(stream[piece])
            var index = 0
            while let event = machine.receive(from: &buffer, index: &index, end: buffer.count,
                                              outbound: &trace.outbound) {
                trace.events.append(copied(event))
            }
            fuzzCheck(index == buffer.count, "machine left bytes unconsumed")
        }
        trace.closed = machine.state == .closed
        return trace
    }

    /// The event with its payload copied out of the read buffer (which the next piece replaces).
    static func copied(_ event: WebSocketEvent) -> WebSocketEvent {
        switch event {
        case .text(let payload): .text(ArraySlice(Array(payload)))
        case .binary(let payload): .binary(ArraySlice(Array(payload)))
        case .ping(let payload): .ping(ArraySlice(Array(payload)))
        case .pong(let payload): .pong(ArraySlice(Array(payload)))
        case .close(let code, let reason): .close(code, reason: ArraySlice(Array(reason)))
        case .failed(let error): .failed(error)
        }
    }

    static func checkMachine(_ trace: MachineTrace, maxMessage: Int) {
        for (position, event) in trace.events.enumerated() {
            let isLast = position == trace.events.count - 1
            switch event {
            case .text(let payload):
                fuzzCheck(String(validating: payload, as: UTF8.self) != nil, "text message is not UTF-8")
                fuzzCheck(payload.count <= maxMessage, "text message over the cap")
            case .binary(let payload):
                fuzzCheck(payload.count <= maxMessage, "binary message over the cap")
            case .ping(let payload), .pong(let payload):
                fuzzCheck(payload.count <= 125, "control payload over 125 bytes")
            case .close(_, let reason):
                fuzzCheck(isLast, "an event after the close")
                fuzzCheck(String(validating: reason, as: UTF8.self) != nil, "close reason is not UTF-8")
            case .failed(let error):
                fuzzCheck(isLast, "an event after the failure")
                fuzzCheck([1002, 1007, 1009].contains(error.closeCode.rawValue), "failure with \(error.closeCode)")
            }
        }
        let ended = trace.events.last.map { event in
            switch event {
            case .close, .failed: true
            default: false
            }
        } ?? false
        fuzzCheck(ended == trace.closed, "closed state disagrees with the events")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    FrameFuzzer.run(&input)
    return 0
}
