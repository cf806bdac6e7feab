import OrreryNet
import OrreryPosix
import Synchronization
import Testing

/// A count-down latch: loop threads `arrive`, the async test `wait`s.
final class Latch: Sendable {
    private struct State {
        var remaining: Int
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state: Mutex<State>

    init(_ count: Int) { state = Mutex(State(remaining: count)) }

    func arrive() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.remaining -= 1
            guard state.remaining == 0 else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.remaining <= 0 { return true }
                state.waiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

/// Values collected from loop threads.
final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func record(_ value: Value) { values.withLock { $0.append(value) } }

    var all: [Value] { values.withLock { $0 } }
}

/// A handler built from closures; the slow-consumer policy is the protocol's default.
final class TestHandler: ConnectionHandler {
    var onRead: (Connection, ArraySlice<UInt8>) -> Void
    var onDrain: (Connection) -> Void = { _ in }
    var onClose: (Connection, CloseReason) -> Void

    init(onRead: @escaping (Connection, ArraySlice<UInt8>) -> Void = { _, _ in },
         onClose: @escaping (Connection, CloseReason) -> Void = { _, _ in }) {
        self.onRead = onRead
        self.onClose = onClose
    }

    func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        onRead(connection, buffer[range])
    }
    func connectionDidDrain(_ connection: Connection) { onDrain(connection) }
    func connection(_ connection: Connection, didCloseWith reason: CloseReason) { onClose(connection, reason) }
}

/// An echo handler that reports how it closed.
func echoHandler(closed: Recorder<CloseReason>? = nil, latch: Latch? = nil) -> TestHandler {
    TestHandler(onRead: { connection, bytes in connection.send(bytes) },
                onClose: { _, reason in
                    closed?.record(reason)
                    latch?.arrive()
                })
}

/// A deterministic byte pattern.
func pattern(_ count: Int, seed: Int = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed) % 251) }
}

/// A blocking loopback client socket for driving servers from the test thread (10 s read timeout as hang guard).
final class BlockingClient {
    var socket: TCPSocket

    init(port: Int, receiveBuffer: Int? = nil) throws {
        let address = try SocketAddress(host: "127.0.0.1", port: port)
        socket = try TCPSocket(familyOf: address)
        if let receiveBuffer { try socket.setReceiveBufferSize(receiveBuffer) }
        try socket.setBlocking(true)
        try socket.setReceiveTimeout(milliseconds: 10_000)
        _ = try socket.connect(to: address)
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            if case .wrote(let count) = try socket.write(bytes[offset...]) { offset += count }
        }
    }

    /// Reads exactly `count` bytes, `chunk` at most per read.
    func read(_ count: Int, chunk: Int = 64 * 1024) throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while received.count < count {
            let result = try socket.read(into: &buffer, count: min(chunk, count - received.count))
            guard case .bytes(let n) = result else {
                Issue.record("expected bytes, got \(result) after \(received.count) of \(count)")
                return received
            }
            received += buffer[0..<n]
        }
        return received
    }

    /// Reads once more, expecting the server's FIN.
    func readEndOfFile() throws -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: 16)
        return try socket.read(into: &buffer)
    }
}
