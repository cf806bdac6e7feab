/// The RFC 6455 protocol state machine of one connection, without I/O or clocks.
///
/// The event loop drives it: after reading bytes into a buffer it calls
/// ``receive(from:index:end:outbound:)`` until that returns nil, handling each ``WebSocketEvent``;
/// then it writes `outbound` (protocol replies: pongs, close frames) and, once ``state`` is
/// `.closed`, flushes and closes the transport. Bytes are consumed completely, so the read buffer
/// can be reused (or shared by all connections of a loop) after each batch. Payloads are unmasked
/// and UTF-8-checked in place as they arrive, so invalid text fails before the rest of its frame
/// is read, and a message that arrives whole in one read is delivered as a slice of the read buffer
/// without copying. Messages split across reads or frames are assembled in a buffer released after
/// a large message completes. The machine owns no clock: "something arrived" is the caller's call.
///
/// ```swift
/// var index = 0
/// while let event = machine.receive(from: &readBuffer, index: &index, end: count, outbound: &outbound) {
///     if case .text(let payload) = event { machine.send(.text, payload, to: &outbound) }
/// }
/// if machine.state == .closed { /* flush outbound, then close the socket */ }
/// ```
public struct WebSocketMachine: Sendable {
    /// Where the connection is in its lifecycle.
    public enum State: Sendable, Equatable {
        /// Data flows both ways.
        case open
        /// We sent a close frame and wait for the peer's; incoming data frames are ignored.
        case closing
        /// Close handshake finished or the connection failed: close the transport after flushing.
        case closed
    }

    /// Which end this machine plays.
    public let role: Role
    /// Limits in force.
    public let configuration: WebSocketConfiguration
    /// Current lifecycle state.
    public private(set) var state = State.open
    /// Frames received so far (every frame header decoded, control frames included).
    public private(set) var framesReceived: UInt64 = 0

    private var decoder: FrameDecoder
    private let maskKeySource: @Sendable () -> MaskKey
    private var frameOpcode = Opcode.continuation
    private var frameFin = false
    private var frameHasPiece = false
    private var messageKind = MessageKind.binary
    private var utf8 = UTF8Validator()
    private var assembly: [UInt8] = []
    private var assemblyDelivered = false
    private var control: [UInt8] = []

    /// A machine in state `.open` (call it once the handshake has succeeded). A client draws one mask
    /// key per sent frame from `maskKeySource` (the system random source by default); a server never
    /// calls it.
    public init(role: Role, configuration: WebSocketConfiguration = WebSocketConfiguration(),
                maskKeySource: @escaping @Sendable () -> MaskKey = { MaskKey.random() }) {
        self.role = role
        self.configuration = configuration
        self.maskKeySource = maskKeySource
        decoder = FrameDecoder(role: role, maxMessageSize: configuration.maxMessageSize,
                               maxFragments: configuration.maxFragments)
    }

    /// Consumes `buffer[index..<end]` (unmasking payloads in place) up to the next event and returns
    /// it, or returns nil once all bytes are consumed. Replies are appended to `outbound`.
    /// After `.close` or `.failed` the state is `.closed` and remaining bytes are discarded.
    public mutating func receive(from buffer: inout [UInt8], index: inout Int, end: Int,
                                 outbound: inout [UInt8]) -> WebSocketEvent? {
        releaseDeliveredAssembly()
        guard state != .closed else {
            index = end
            return nil
        }
        while true {
            let event: FrameDecoder.Event?
            do throws(WebSocketError) {
                event = try decoder.next(in: &buffer, index: &index, end: end)
            } catch {
                return fail(error, index: &index, end: end, outbound: &outbound)
            }
            guard let event else { return nil }
            switch event {
            case .header(let header):
                framesReceived &+= 1
                frameOpcode = header.opcode
                frameFin = header.fin
                frameHasPiece = false
                if header.opcode == .text {
                    messageKind = .text
                    utf8.reset()
                } else if header.opcode == .binary {
                    messageKind = .binary
                }
            case .payload(let range, let isFrameEnd):
                let result = frameOpcode.isControl
                    ? controlPiece(range, isFrameEnd, &buffer, &index, end, &outbound)
                    : dataPiece(range, isFrameEnd, &buffer, &index, end, &outbound)
                if let result { return result }
            }
        }
    }

    /// Appends a data message as a single frame. Returns false (writing nothing) unless `.open`.
    @discardableResult
    public func send(_ kind: MessageKind, _ payload: ArraySlice<UInt8>, to outbound: inout [UInt8]) -> Bool {
        guard state == .open else { return false }
        FrameEncoder.append(kind.opcode, payload: payload, maskKey: outgoingMaskKey(), to: &outbound)
        return true
    }

    /// Appends a data message as a single frame (array form of the slice overload).
    @discardableResult
    public func send(_ kind: MessageKind, _ payload: [UInt8], to outbound: inout [UInt8]) -> Bool {
        send(kind, payload[...], to: &outbound)
    }

    /// Appends a ping (payload at most 125 bytes). Returns false (writing nothing) unless `.open`.
    @discardableResult
    public func sendPing(_ payload: [UInt8], to outbound: inout [UInt8]) -> Bool {
        guard state == .open else { return false }
        FrameEncoder.append(.ping, payload: payload[...], maskKey: outgoingMaskKey(), to: &outbound)
        return true
    }

    /// Starts the close handshake: appends a close frame and moves to `.closing`, where the machine
    /// waits for the peer's close (the caller should also arm a timeout). Returns false unless `.open`.
    @discardableResult
    public mutating func close(code: CloseCode = .normalClosure, reason: String = "",
                               to outbound: inout [UInt8]) -> Bool {
        guard state == .open else { return false }
        FrameEncoder.appendClose(code: code, reason: reason, maskKey: outgoingMaskKey(), to: &outbound)
        state = .closing
        return true
    }

    /// Heap capacity, in bytes, the machine holds for assembling messages and control frames
    /// (for per-connection memory accounting). Zero for a connection that only saw whole messages.
    public var bufferedCapacity: Int { assembly.capacity + control.capacity }

    private func outgoingMaskKey() -> MaskKey? {
        role == .client ? maskKeySource() : nil
    }

    private mutating func releaseDeliveredAssembly() {
        guard assemblyDelivered else { return }
        assemblyDelivered = false
        if assembly.capacity > configuration.retainedBufferCapacity {
            assembly = []
        } else {
            assembly.removeAll(keepingCapacity: true)
        }
    }

    private mutating func dataPiece(_ range: Range<Int>, _ isFrameEnd: Bool, _ buffer: inout [UInt8],
                                    _ index: inout Int, _ end: Int, _ outbound: inout [UInt8]) -> WebSocketEvent? {
        let firstPiece = !frameHasPiece
        frameHasPiece = true
        guard state == .open else { return nil }
        if messageKind == .text && !utf8.validate(buffer[range]) {
            return fail(.invalidUTF8, index: &index, end: end, outbound: &outbound)
        }
        let messageEnds = isFrameEnd && frameFin
        if messageEnds && messageKind == .text && !utf8.isAtCharacterBoundary {
            return fail(.invalidUTF8, index: &index, end: end, outbound: &outbound)
        }
        if messageEnds && firstPiece && frameOpcode != .continuation {
            return messageKind == .text ? .text(buffer[range]) : .binary(buffer[range])
        }
        assembly.append(contentsOf: buffer[range])
        guard messageEnds else { return nil }
        assemblyDelivered = true
        return messageKind == .text ? .text(assembly[...]) : .binary(assembly[...])
    }

    private mutating func controlPiece(_ range: Range<Int>, _ isFrameEnd: Bool, _ buffer: inout [UInt8],
                                       _ index: inout Int, _ end: Int, _ outbound: inout [UInt8]) -> WebSocketEvent? {
        let firstPiece = !frameHasPiece
        frameHasPiece = true
        if isFrameEnd && firstPiece {
            return handleControl(buffer[range], &index, end, &outbound)
        }
        control.append(contentsOf: buffer[range])
        guard isFrameEnd else { return nil }
        let payload = control[...]
        control = []
        return handleControl(payload, &index, end, &outbound)
    }

    private mutating func handleControl(_ payload: ArraySlice<UInt8>, _ index: inout Int, _ end: Int,
                                  _ outbound: inout [UInt8]) -> WebSocketEvent? {
        switch frameOpcode {
        case .ping:
            guard state == .open else { return nil }
            FrameEncoder.append(.pong, payload: payload, maskKey: outgoingMaskKey(), to: &outbound)
            return .ping(payload)
        case .pong:
            return .pong(payload)
        default:
            return peerClosed(payload, &index, end, &outbound)
        }
    }

    private mutating func peerClosed(_ payload: ArraySlice<UInt8>, _ index: inout Int, _ end: Int,
                                     _ outbound: inout [UInt8]) -> WebSocketEvent {
        var code: CloseCode?
        var reason = payload[payload.startIndex..<payload.startIndex]
        if payload.count == 1 {
            return fail(.closePayloadTooShort, index: &index, end: end, outbound: &outbound)
        }
        if payload.count >= 2 {
            let start = payload.startIndex
            let raw = UInt16(payload[start]) << 8 | UInt16(payload[start + 1])
            guard CloseCode(rawValue: raw).isValidInCloseFrame else {
                return fail(.invalidCloseCode(raw), index: &index, end: end, outbound: &outbound)
            }
            reason = payload[(start + 2)...]
            guard UTF8Validator.isValid(reason) else {
                return fail(.invalidCloseReason, index: &index, end: end, outbound: &outbound)
            }
            code = CloseCode(rawValue: raw)
        }
        if state == .open {
            FrameEncoder.appendClose(code: code, maskKey: outgoingMaskKey(), to: &outbound)
        }
        state = .closed
        index = end
        return .close(code, reason: reason)
    }

    private mutating func fail(_ error: WebSocketError, index: inout Int, end: Int,
                               outbound: inout [UInt8]) -> WebSocketEvent {
        if state == .open {
            FrameEncoder.appendClose(code: error.closeCode, maskKey: outgoingMaskKey(), to: &outbound)
        }
        state = .closed
        index = end
        return .failed(error)
    }
}
