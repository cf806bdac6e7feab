/// Builders of the HTTP/1.1 response heads and bodies a WebSocket server sends.
public enum HTTPResponse {
    /// The `101 Switching Protocols` answer to a valid upgrade for `key`, naming the chosen subprotocol.
    public static func switchingProtocols(key: String, protocol chosen: String? = nil) -> [UInt8] {
        var text = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        text += "Sec-WebSocket-Accept: \(WebSocketAccept.value(forKey: key))\r\n"
        if let chosen { text += "Sec-WebSocket-Protocol: \(chosen)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// A complete response with a body, `Content-Length` and `Connection: close`.
    public static func plain(_ status: HTTPStatus, contentType: String = "text/plain; charset=utf-8",
                             body: [UInt8], headers: [(String, String)] = []) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.reason)\r\nContent-Type: \(contentType)\r\n"
        text += "Content-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + body
    }

    /// A short text error response for `status` (with `Connection: close`).
    public static func error(_ status: HTTPStatus, message: String? = nil, headers: [(String, String)] = []) -> [UInt8] {
        plain(status, body: Array(((message ?? status.reason) + "\n").utf8), headers: headers)
    }

    /// The head of a complete response (through the blank line), for a HEAD request: `Content-Length` still
    /// gives the body's size.
    public static func head(of response: [UInt8]) -> [UInt8] {
        guard response.count >= 4 else { return response }
        for index in 0...(response.count - 4) where response[index] == 13 && response[index + 1] == 10
            && response[index + 2] == 13 && response[index + 3] == 10 {
            return Array(response[..<(index + 4)])
        }
        return response
    }

    /// The error response for a rejected handshake: its status and description, plus
    /// `Sec-WebSocket-Version: 13` for 426 and `Allow: GET, HEAD` for 405.
    public static func rejection(_ error: HandshakeError) -> [UInt8] {
        var headers: [(String, String)] = []
        if case .unsupportedVersion = error { headers.append(("Sec-WebSocket-Version", "13")) }
        if case .methodNotAllowed = error { headers.append(("Allow", "GET, HEAD")) }
        return self.error(error.status, message: error.description, headers: headers)
    }
}
