/// Client→server: start a new session in the universe named by the WebSocket path.
public struct Join: Hashable, Sendable {
    /// Protocol version the client speaks (`WireProtocol.version`).
    public var version: UInt8
    public var role: Role
    /// Spectators only: the view rectangle; nil means the whole world. Must be nil for players.
    public var region: Region?
    /// Optional display name, 1...32 bytes of UTF-8.
    public var displayName: String?

    public init(version: UInt8 = WireProtocol.version, role: Role, region: Region? = nil, displayName: String? = nil) {
        self.version = version
        self.role = role
        self.region = region
        self.displayName = displayName
    }
}
