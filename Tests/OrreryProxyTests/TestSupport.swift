import OrreryNet
import OrreryPosix
import OrreryProxy
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

/// A handler built from closures (the slow-consumer policy is the protocol's default).
final class TestHandler: ConnectionHandler {
    var onRead: (Connection, ArraySlice<UInt8>) -> Void
    var onClose: (Connection, CloseReason) -> Void

    init(onRead: @escaping (Connection, ArraySlice<UInt8>) -> Void = { _, _ in },
         onClose: @escaping (Connection, CloseReason) -> Void = { _, _ in }) {
        self.onRead = onRead
        self.onClose = onClose
    }

    func connection(_ connection: Connection, didRead buffer: inout [UInt8], range: Range<Int>) {
        onRead(connection, buffer[range])
    }
    func connection(_ connection: Connection, didCloseWith reason: CloseReason) { onClose(connection, reason) }
}

/// A deterministic byte pattern.
func pattern(_ count: Int, seed: Int = 0) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: (index &* 31 &+ seed) % 251)) }
    return bytes
}

/// Expects two byte streams to be equal, reporting sizes and the first difference rather than megabytes.
func expectSame(_ actual: [UInt8], _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    let firstDifference = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actual.count, expected.count)
    Issue.record("\(actual.count) bytes instead of \(expected.count), first difference at \(firstDifference)",
                 sourceLocation: sourceLocation)
}

/// Starts a proxy on `loop` (from the test's task).
func startProxy(on loop: EventLoop, _ configuration: ProxyConfiguration) async throws -> ProxyServer {
    let result = try await loop.submit {
        Result { () throws(PosixError) in try ProxyServer(configuration: configuration, loop: loop) }
    }
    return try result.get()
}

/// The proxy's statistics, read on its loop.
func statistics(of proxy: ProxyServer) async throws -> ProxyStatistics {
    try await proxy.loop.submit { proxy.statistics }
}

/// Polls `condition` every few milliseconds; records an issue if it is still false after 20 s (a hang guard,
/// not a timing assertion).
func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
    for _ in 0..<4000 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("still waiting for: \(what)")
}

/// A blocking loopback client socket driven from the test thread (10 s read timeout as hang guard).
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

    /// Reads exactly `count` bytes.
    func read(_ count: Int) throws -> [UInt8] {
        var received: [UInt8] = []
        received.reserveCapacity(count)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while received.count < count {
            let result = try socket.read(into: &buffer, count: min(buffer.count, count - received.count))
            guard case .bytes(let n) = result else {
                Issue.record("expected bytes, got \(result) after \(received.count) of \(count)")
                return received
            }
            received += buffer[0..<n]
        }
        return received
    }

    /// Reads until the peer closes (end of file or reset); returns what arrived and how it ended.
    func readUntilClosed() throws -> (bytes: [UInt8], reset: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            do throws(PosixError) {
                switch try socket.read(into: &buffer) {
                case .bytes(let n): received += buffer[0..<n]
                case .endOfFile: return (received, false)
                case .wouldBlock: throw .system(call: "recv (timed out)", errno: .wouldBlock)
                }
            } catch {
                guard error.errno == .connectionReset else { throw error }
                return (received, true)
            }
        }
    }

    /// Sends FIN (half close): the peer reads end of file, this side can still read.
    func finishWriting() throws { try socket.shutdown(.write) }
}
