import OrreryPosix
import OrreryWebSocket

/// One open WebSocket connection, server or client side, owned by one loop.
///
/// Loop-confined like `Connection`: call its methods only on `loop`'s thread (inside a handler, a
/// timer, or a closure given to `loop.execute`). It is `@unchecked Sendable` only so that it can be
/// handed to another loop (see `move(to:then:)`) or captured by a closure sent to its own loop.
///
/// Sends append frames straight into the connection's outbound buffer; everything queued during a
/// loop iteration is written with one system call at the end of it.
public final class WebSocketConnection: @unchecked Sendable {
    /// Which end of the connection this is.
    public let role: Role
    /// The request path, e.g. `/play`.
    public let path: String
    /// The query string without `?`, if any.
    public let query: String?
    /// Server side: the request's header fields. Client side: empty.
    public let headers: HTTPHeaders
    /// The negotiated subprotocol, if any.
    public let selectedProtocol: String?
    /// The peer's address, when known.
    public let peer: SocketAddress?
    /// The application handler; replace it at any time (e.g. in `move`'s `then`).
    public var handler: (any WebSocketHandler)?

    let heartbeat: HeartbeatPolicy?
    let closeTimeout: Duration
    let slowConsumerCloseCode: CloseCode
    var connection: Connection
    var machine: WebSocketMachine
    /// When something last arrived (loop wake time, monotonic nanoseconds).
    var lastReceived: Int64
    /// Position in the loop's registry, -1 when not registered.
    var registryIndex = -1
    /// The close code and reason to report, once decided.
    var closeInfo: (code: CloseCode, reason: String)?
    var closeTimer: TimerHandle?
    var isCloseReported = false
    /// True while received bytes are being turned into handler calls.
    var isDispatching = false
    var pendingMove: (target: EventLoop, then: @Sendable (WebSocketConnection) -> Void)?
    /// Received bytes not yet processed when a move was requested; processed on the new loop.
    var carry: [UInt8] = []

    init(role: Role, connection: Connection, machine: WebSocketMachine, path: String, query: String?,
         headers: HTTPHeaders, selectedProtocol: String?, heartbeat: HeartbeatPolicy?,
         closeTimeout: Duration, slowConsumerCloseCode: CloseCode, handler: any WebSocketHandler) {
        self.role = role
        self.connection = connection
        self.machine = machine
        self.path = path
        self.query = query
        self.headers = headers
        self.selectedProtocol = selectedProtocol
        self.peer = connection.peer
        self.heartbeat = heartbeat
        self.closeTimeout = closeTimeout
        self.slowConsumerCloseCode = slowConsumerCloseCode
        self.handler = handler
        lastReceived = MonotonicTime.now().nanoseconds
    }

    /// The loop that owns the connection now.
    public var loop: EventLoop { connection.loop }

    /// The protocol state: `.open`, `.closing` (we sent a close frame) or `.closed`.
    public var state: WebSocketMachine.State {
        connection.state == .open ? machine.state : .closed
    }

    /// Whether messages can be sent (open, and no close frame sent yet).
    public var isOpen: Bool { connection.state == .open && machine.state == .open }

    /// Bytes queued but not yet accepted by the kernel.
    public var pendingOutboundBytes: Int { connection.pendingOutboundBytes }

    /// Pending outbound bytes above which the connection is closed as a slow consumer.
    public var outboundCap: Int {
        get { connection.outboundCap }
        set { connection.outboundCap = newValue }
    }

    /// Sends one data message as a single frame. Returns false (sending nothing) unless open.
    @discardableResult
    public func send(_ kind: MessageKind, _ payload: ArraySlice<UInt8>) -> Bool {
        guard isOpen else { return false }
        connection.withOutbound { machine.send(kind, payload, to: &$0) }
        connection.loop.webSocketCounters.countMessageOut(payloadBytes: payload.count)
        return true
    }

    /// Sends one data message (array form of the slice overload).
    @discardableResult
    public func send(_ kind: MessageKind, _ payload: [UInt8]) -> Bool {
        send(kind, payload[...])
    }

    /// Sends `text` as a text message.
    @discardableResult
    public func send(text: String) -> Bool {
        send(.text, Array(text.utf8))
    }

    /// Sends a message encoded once for many connections (broadcast). Server side only: client frames
    /// must be masked per frame. Returns false unless open.
    @discardableResult
    public func send(_ message: EncodedMessage) -> Bool {
        precondition(role == .server, "pre-encoded messages are unmasked: server connections only")
        guard isOpen else { return false }
        connection.withOutbound { $0.append(contentsOf: message.bytes) }
        connection.loop.webSocketCounters.countMessageOut(payloadBytes: message.payloadCount)
        return true
    }

    /// Sends a ping (at most 125 payload bytes); the peer's pong is not reported. Returns false unless open.
    @discardableResult
    public func sendPing(_ payload: [UInt8] = []) -> Bool {
        guard isOpen else { return false }
        connection.withOutbound { machine.sendPing(payload, to: &$0) }
        loop.webSocketCounters.framesOut &+= 1
        return true
    }

    /// Starts the close handshake with `code` and `reason` (cut to 123 bytes). The connection closes
    /// when the peer answers, or is aborted if it has not within the close timeout. The handler later
    /// hears `code`. Does nothing unless open.
    public func close(code: CloseCode = .normalClosure, reason: String = "") {
        guard isOpen else { return }
        connection.withOutbound { _ = machine.close(code: code, reason: reason, to: &$0) }
        loop.webSocketCounters.framesOut &+= 1
        if closeInfo == nil { closeInfo = (code, reason) }
        // A strong capture (a weak one would slow every later retain of this object); the timer is
        // cancelled when the close completes or the transport ends.
        closeTimer = loop.schedule(after: closeTimeout) { [self] _ in
            guard connection.state == .open else { return }
            loop.webSocketCounters.closeHandshakeTimeouts &+= 1
            connection.abort(reason: .local)
        }
    }

    /// Drops the connection at once, without a close handshake; the handler hears 1006 and `reason`.
    public func terminate(reason: String = "terminated") {
        guard connection.state != .closed else { return }
        if closeInfo == nil { closeInfo = (.abnormalClosure, reason) }
        connection.abort(reason: .local)
    }

    /// Ends the transport after the close handshake finished or the connection failed: flush what is
    /// queued (our close frame), send FIN, and wait briefly for the peer's.
    func finishTransport() {
        loop.cancel(&closeTimer)
        connection.close(timeout: closeTimeout)
    }

    /// The heartbeat sweep's visit: terminate if silent for `timeout` nanoseconds, else ping.
    func heartbeatCheck(now: Int64, timeout: Int64) {
        guard connection.state == .open else { return }
        if now - lastReceived >= timeout {
            loop.webSocketCounters.heartbeatTimeouts &+= 1
            terminate(reason: "heartbeat timeout: nothing received for \(Duration.nanoseconds(timeout))")
        } else if sendPing() {
            loop.webSocketCounters.pingsSent &+= 1
        }
    }
}
