import OrreryPosix
import OrreryWire

/// A blocking TCP client for plain HTTP requests and hand-made WebSocket traffic (e.g. a client that stops reading).
struct RawClient: ~Copyable {
    let socket: TCPSocket

    /// Connects to 127.0.0.1:`port`, with a small receive buffer when asked.
    init(port: Int, receiveBuffer: Int? = nil) throws {
        let address = try SocketAddress(host: "127.0.0.1", port: port)
        let socket = try TCPSocket(familyOf: address)
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

/// `GET path` on a fresh connection: the status code and the body.
func httpGet(port: Int, _ path: String) throws -> (status: Int, body: String) {
    let client = try RawClient(port: port)
    try client.write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    let response = String(decoding: try client.read { _ in false }, as: UTF8.self)
    let status = Int(response.dropFirst(9).prefix(3)) ?? 0
    let body = response.range(of: "\r\n\r\n").map { String(response[$0.upperBound...]) } ?? ""
    return (status, body)
}
