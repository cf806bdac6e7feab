import Foundation
import OrreryPosix
import OrreryWire

/// A blocking TCP client for plain HTTP requests and hand-made WebSocket traffic (e.g. a client that stops reading).
final class RawClient {
    let socket: TCPSocket

    /// Connects to 127.0.0.1:`port` from `source` (another loopback address stands for another host), with a small
    /// receive buffer when asked.
    init(port: Int, receiveBuffer: Int? = nil, from source: String? = nil) throws {
        let address = try SocketAddress(host: "127.0.0.1", port: port)
        let socket = try TCPSocket(familyOf: address)
        if let source { try socket.bind(to: SocketAddress(host: source, port: 0)) }
        try socket.setBlocking(true)
        if let receiveBuffer { try socket.setReceiveBufferSize(receiveBuffer) }
        try socket.setReceiveTimeout(milliseconds: 10_000)
        _ = try socket.connect(to: address)
        self.socket = socket
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            if case .wrote(let count) = try socket.write(bytes[offset...]) { offset += count }
        }
    }

    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// Sends a WebSocket upgrade for `path` offering `orrery.v1` and reads the response head; returns the bytes that
    /// followed it.
    func upgrade(_ path: String = "/universes/demo") throws -> [UInt8] {
        try write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  + "Sec-WebSocket-Protocol: orrery.v1\r\n\r\n")
        let bytes = try read { Self.headEnd(in: $0) != nil }
        guard let end = Self.headEnd(in: bytes), bytes.starts(with: Array("HTTP/1.1 101".utf8)) else {
            throw RawClientError.notUpgraded(String(decoding: bytes, as: UTF8.self))
        }
        return Array(bytes[end...])
    }

    /// The index after the blank line ending an HTTP head, nil before it arrived.
    static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == [13, 10, 13, 10] }.map { $0 + 4 }
    }

    /// What one non-blocking read finds: nil when nothing has arrived, else the bytes (empty at the end of the
    /// stream).
    func poll() throws -> [UInt8]? {
        try socket.setBlocking(false)
        defer { try? socket.setBlocking(true) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        switch try socket.read(into: &buffer) {
        case .bytes(let count): return Array(buffer[..<count])
        case .endOfFile: return []
        case .wouldBlock: return nil
        }
    }

    /// Reads until `done` holds for what arrived (or the peer closes).
    func read(until done: ([UInt8]) -> Bool) throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !done(received) {
            guard case .bytes(let count) = try socket.read(into: &buffer) else { break }
            received += buffer[..<count]
        }
        return received
    }

    /// The unmasked frames in `bytes` (opcode and payload), as far as they are complete.
    static func frames(_ bytes: ArraySlice<UInt8>) -> [(opcode: UInt8, payload: [UInt8])] {
        var frames: [(UInt8, [UInt8])] = []
        var index = bytes.startIndex
        while bytes.endIndex - index >= 2 {
            var length = Int(bytes[index + 1] & 0x7f)
            var header = 2
            if length == 126, bytes.endIndex - index >= 4 {
                length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
                header = 4
            } else if length == 127, bytes.endIndex - index >= 10 {
                length = bytes[(index + 2)..<(index + 10)].reduce(0) { $0 << 8 | Int($1) }
                header = 10
            }
            guard bytes.endIndex - index >= header + length else { break }
            frames.append((bytes[index] & 0x0f, Array(bytes[(index + header)..<(index + header + length)])))
            index += header + length
        }
        return frames
    }

    /// A masked binary WebSocket frame (mask key 0, so the payload is sent as is).
    static func binaryFrame(_ payload: [UInt8]) -> [UInt8] {
        precondition(payload.count < 126)
        return [0x82, 0x80 | UInt8(payload.count), 0, 0, 0, 0] + payload
    }
}

enum RawClientError: Error {
    case notUpgraded(String)
}

/// One plain request (`METHOD path`, extra header lines) on a fresh connection: the status, the response head and
/// the body as received until the server closed.
func httpRequest(port: Int, _ method: String, _ path: String, headers: [String] = []) throws
    -> (status: Int, head: String, body: String) {
    let client = try RawClient(port: port)
    let extra = headers.map { $0 + "\r\n" }.joined()
    try client.write("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)\r\n")
    let response = String(decoding: try client.read { _ in false }, as: UTF8.self)
    let status = Int(response.dropFirst(9).prefix(3)) ?? 0
    guard let split = response.range(of: "\r\n\r\n") else { return (status, response, "") }
    return (status, String(response[..<split.lowerBound]), String(response[split.upperBound...]))
}

/// The value of header `name` in a response head, nil when absent.
func headerValue(_ name: String, in head: String) -> String? {
    for line in head.split(separator: "\r\n").dropFirst() {
        let parts = line.split(separator: ":", maxSplits: 1)
        if parts.count == 2, parts[0].lowercased() == name.lowercased() {
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
    }
    return nil
}

/// `GET path` on a fresh connection: the status code and the body.
func httpGet(port: Int, _ path: String) throws -> (status: Int, body: String) {
    let client = try RawClient(port: port)
    try client.write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    let response = String(decoding: try client.read { _ in false }, as: UTF8.self)
    let status = Int(response.dropFirst(9).prefix(3)) ?? 0
    let body = response.range(of: "\r\n\r\n").map { String(response[$0.upperBound...]) } ?? ""
    return (status, body)
}
