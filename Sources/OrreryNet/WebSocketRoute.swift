import OrreryWebSocket

/// What the server's upgrade hook decided for a valid WebSocket request.
public enum WebSocketRoute {
    /// Upgrade, with this handler driving the connection.
    case accept(any WebSocketHandler)
    /// Refuse with this HTTP status (e.g. 404 for an unknown path, 401 for a bad ticket).
    case reject(HTTPStatus, message: String? = nil)
}
