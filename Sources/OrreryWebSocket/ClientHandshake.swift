import OrreryDigest

/// The client side of the opening handshake (RFC 6455 section 4.1): the request to send, and an
/// incremental parser that verifies the server's answer.
public struct ClientHandshake: Sendable {
    /// What the bytes so far amount to.
    public enum Result: Sendable, Equatable {
        /// The response head is not complete yet.
        case needMore
        /// Upgraded: run a client ``WebSocketMachine`` on `remainder` (frames that followed the head).
        case upgraded(selectedProtocol: String?, remainder: ArraySlice<UInt8>)
    }

    /// The request bytes to send.
    public let request: [UInt8]
    /// Our `Sec-WebSocket-Key` (base64 of the 16 key bytes).
    public let key: String
    /// Subprotocols we offered.
    public let offeredProtocols: [String]
    private var parser: HTTPHeadParser

    /// A handshake for `url` with the 16 random `keyBytes` the caller drew, offered subprotocols
    /// and extra header fields. `keyBytes` must hold exactly 16 bytes.
    public init(url: WebSocketURL, keyBytes: [UInt8], protocols: [String] = [],
                headers: [(String, String)] = [], maxResponseHeadBytes: Int = 8192) {
        precondition(keyBytes.count == 16, "Sec-WebSocket-Key needs 16 bytes")
        key = Base64.encode(keyBytes)
        offeredProtocols = protocols
        parser = HTTPHeadParser(maxBytes: maxResponseHeadBytes)
        var text = "GET \(url.requestTarget) HTTP/1.1\r\nHost: \(url.hostField)\r\n"
        text += "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        text += "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n"
        if !protocols.isEmpty { text += "Sec-WebSocket-Protocol: \(protocols.joined(separator: ", "))\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        request = Array(text.utf8)
    }

    /// Like ``init(url:keyBytes:protocols:headers:maxResponseHeadBytes:)`` with the key drawn from `generator`.
    public init<Generator: RandomNumberGenerator>(url: WebSocketURL, protocols: [String] = [],
                                                  headers: [(String, String)] = [], using generator: inout Generator) {
        let keyBytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        self.init(url: url, keyBytes: keyBytes, protocols: protocols, headers: headers)
    }

    /// Feeds response bytes; throws if the server refused or answered wrongly.
    public mutating func receive(_ bytes: ArraySlice<UInt8>) throws(HandshakeError) -> Result {
        guard let (head, remainder) = try parser.append(bytes) else { return .needMore }
        let response = try HTTPResponseHead(head)
        guard response.statusCode == 101 else { throw .unexpectedStatus(response.statusCode) }
        let headers = response.headers
        guard headers.contains("Upgrade", token: "websocket") else { throw .missingUpgrade }
        guard headers.contains("Connection", token: "upgrade") else { throw .missingConnectionUpgrade }
        guard headers["Sec-WebSocket-Accept"] == WebSocketAccept.value(forKey: key) else { throw .invalidAccept }
        if let extensions = headers["Sec-WebSocket-Extensions"] { throw .unofferedExtension(extensions) }
        let chosen = headers["Sec-WebSocket-Protocol"]
        if let chosen, !offeredProtocols.contains(chosen) { throw .unofferedProtocol(chosen) }
        return .upgraded(selectedProtocol: chosen, remainder: remainder)
    }
}
