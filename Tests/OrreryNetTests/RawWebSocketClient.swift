import OrreryPosix
import OrreryWebSocket
import TestSupport
import Testing

/// A blocking raw-socket WebSocket peer for wire-level tests: hand-made requests and frames.
final class RawWebSocketClient {
    let client: BlockingClient
    private var pending: [UInt8] = []

    init(port: Int, receiveBuffer: Int? = nil) throws {
        client = try BlockingClient(port: port, receiveBuffer: receiveBuffer)
    }

    /// A valid upgrade request for `path` with extra header lines.
    static func request(path: String = "/", extra: [String] = [],
                        key: String = "dGhlIHNhbXBsZSBub25jZQ==", version: String? = "13") -> [UInt8] {
        var lines = ["GET \(path) HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade"]
        if !key.isEmpty { lines.append("Sec-WebSocket-Key: \(key)") }
        if let version { lines.append("Sec-WebSocket-Version: \(version)") }
        return Array((lines + extra + ["", ""]).joined(separator: "\r\n").utf8)
    }

    func write(_ bytes: [UInt8]) throws { try client.write(bytes) }

    /// Sends the request and reads the response head; returns it (status line first).
    func handshake(_ request: [UInt8] = RawWebSocketClient.request()) throws -> String {
        try write(request)
        return try readHead()
    }

    /// Reads up to the blank line ending an HTTP head.
    func readHead() throws -> String {
        while true {
            if let end = headEnd() {
                let head = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end + 4)
                return head
            }
            guard try fill() else { return String(decoding: pending, as: UTF8.self) }
        }
    }

    /// Reads until the server closes; returns everything not yet consumed. A reset also ends it.
    func readToEnd() throws -> [UInt8] {
        while (try? fill()) == true {}
        defer { pending = [] }
        return pending
    }

    /// Reads one server frame (unmasked): opcode and payload; nil at end of stream.
    func readFrame() throws -> (opcode: UInt8, payload: [UInt8])? {
        guard try need(2) else { return nil }
        let opcode = pending[0] & 0x0F
        var length = Int(pending[1] & 0x7F)
        var header = 2
        if length == 126 {
            guard try need(4) else { return nil }
            length = Int(pending[2]) << 8 | Int(pending[3])
            header = 4
        } else if length == 127 {
            guard try need(10) else { return nil }
            length = pending[2..<10].reduce(0) { $0 << 8 | Int($1) }
            header = 10
        }
        guard try need(header + length) else { return nil }
        let payload = Array(pending[header..<(header + length)])
        pending.removeFirst(header + length)
        return (opcode, payload)
    }

    /// What ended the frames a raw client read.
    enum CloseSeen: Equatable {
        /// A close frame, with its code (nil when it had none).
        case frame(UInt16?)
        /// The stream ended without a close frame.
        case endOfStream
    }

    /// Reads frames until a close frame or the end of the stream, skipping pings and data.
    func readClose() throws -> CloseSeen {
        while let frame = try readFrame() {
            guard frame.opcode == 0x8 else { continue }
            guard frame.payload.count >= 2 else { return .frame(nil) }
            return .frame(UInt16(frame.payload[0]) << 8 | UInt16(frame.payload[1]))
        }
        return .endOfStream
    }

    /// A masked client frame.
    static func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, masked: Bool = true,
                      rsv: UInt8 = 0, declaredLength: UInt64? = nil) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | rsv << 4 | opcode]
        let length = declaredLength ?? UInt64(payload.count)
        let maskBit: UInt8 = masked ? 0x80 : 0
        if length <= 125 {
            bytes.append(maskBit | UInt8(length))
        } else if length <= 0xFFFF {
            bytes += [maskBit | 126, UInt8(length >> 8), UInt8(length & 0xFF)]
        } else {
            bytes.append(maskBit | 127)
            bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: length >> UInt64($0 * 8)) }
        }
        guard masked else { return bytes + payload }
        let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        return bytes + key + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func need(_ count: Int) throws -> Bool {
        while pending.count < count {
            guard try fill() else { return false }
        }
        return true
    }

    /// One read into `pending`; false at end of stream or reset.
    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let result: ReadResult
        do {
            result = try client.readOnce(into: &buffer)
        } catch {
            if error.errno == .connectionReset { return false }
            throw error
        }
        guard case .bytes(let count) = result else { return false }
        pending += buffer[..<count]
        return true
    }
}

extension BlockingClient {
    /// One read of whatever is available (blocking up to the receive timeout).
    func readOnce(into buffer: inout [UInt8]) throws(PosixError) -> ReadResult {
        try socket.read(into: &buffer)
    }
}
