/// Client→server: a round-trip probe; the server answers with a pong echoing the timestamp.
public struct Ping: Hashable, Sendable {
    /// Opaque to the server (typically the client's clock in microseconds).
    public var clientTimestamp: UInt64

    public init(clientTimestamp: UInt64) {
        self.clientTimestamp = clientTimestamp
    }
}
