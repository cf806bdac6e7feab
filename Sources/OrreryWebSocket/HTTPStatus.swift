/// An HTTP status code with its reason phrase.
public struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
    /// The numeric code.
    public let code: Int
    /// The reason phrase sent in the status line.
    public let reason: String

    /// A status with a code and reason phrase.
    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// 101: the WebSocket upgrade succeeded.
    public static let switchingProtocols = HTTPStatus(code: 101, reason: "Switching Protocols")
    /// 200.
    public static let ok = HTTPStatus(code: 200, reason: "OK")
    /// 400: malformed request or invalid upgrade.
    public static let badRequest = HTTPStatus(code: 400, reason: "Bad Request")
    /// 403: origin not allowed.
    public static let forbidden = HTTPStatus(code: 403, reason: "Forbidden")
    /// 404: no WebSocket route at this path.
    public static let notFound = HTTPStatus(code: 404, reason: "Not Found")
    /// 405: not a GET.
    public static let methodNotAllowed = HTTPStatus(code: 405, reason: "Method Not Allowed")
    /// 426: unsupported WebSocket version (answer carries `Sec-WebSocket-Version: 13`).
    public static let upgradeRequired = HTTPStatus(code: 426, reason: "Upgrade Required")
    /// 431: request head too large or too many header fields.
    public static let requestHeaderFieldsTooLarge = HTTPStatus(code: 431, reason: "Request Header Fields Too Large")
    /// 503: temporarily unable to serve (overload, shutdown).
    public static let serviceUnavailable = HTTPStatus(code: 503, reason: "Service Unavailable")

    public var description: String { "\(code) \(reason)" }
}
