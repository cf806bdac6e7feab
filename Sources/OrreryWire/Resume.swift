/// Client→server: continue a dropped session instead of joining anew.
public struct Resume: Hashable, Sendable {
    /// Protocol version the client speaks.
    public var version: UInt8
    /// The token from the session's latest welcome.
    public var token: ResumeToken
    /// Seq of the last event frame or reset the client applied (0 if none).
    public var lastSeq: UInt64

    public init(version: UInt8 = WireProtocol.version, token: ResumeToken, lastSeq: UInt64) {
        self.version = version
        self.token = token
        self.lastSeq = lastSeq
    }
}
