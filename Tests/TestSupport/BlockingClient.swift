import OrreryPosix
import Testing

/// A blocking loopback client socket for driving servers from the test thread (10 s read timeout as hang guard).
public final class BlockingClient {
    public var socket: TCPSocket

    /// Connects to 127.0.0.1:`port`, with a small receive buffer when asked.
    public init(port: Int, receiveBuffer: Int? = nil) throws {
        let address = try SocketAddress(host: "127.0.0.1", port: port)
        socket = try TCPSocket(familyOf: address)
        if let receiveBuffer { try socket.setReceiveBufferSize(receiveBuffer) }
        try socket.setBlocking(true)
        try socket.setReceiveTimeout(milliseconds: 10_000)
        _ = try socket.connect(to: address)
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            if case .wrote(let count) = try socket.write(bytes[offset...]) { offset += count }
        }
    }

    /// Reads exactly `count` bytes, `chunk` at most per read.
    public func read(_ count: Int, chunk: Int = 64 * 1024) throws -> [UInt8] {
        var received: [UInt8] = []
        received.reserveCapacity(count)
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
    public func readEndOfFile() throws -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: 16)
        return try socket.read(into: &buffer)
    }

    /// Reads until the peer closes (end of file or reset); returns what arrived and how it ended.
    public func readUntilClosed() throws -> (bytes: [UInt8], reset: Bool) {
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
    public func finishWriting() throws { try socket.shutdown(.write) }
}
