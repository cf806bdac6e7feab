/// A whole data message encoded once as one unmasked (server-to-client) frame, ready to be appended
/// unchanged to many connections' outbound buffers: the broadcast fast path.
public struct EncodedMessage: Sendable, Equatable {
    /// The frame bytes: header and payload.
    public let bytes: [UInt8]
    /// The message kind.
    public let kind: MessageKind
    /// The payload length in bytes.
    public let payloadCount: Int

    /// Encodes `payload` as one final, unmasked frame of `kind`.
    public init(_ kind: MessageKind, _ payload: ArraySlice<UInt8>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.count + 10)
        FrameEncoder.append(kind.opcode, payload: payload, to: &bytes)
        self.bytes = bytes
        self.kind = kind
        payloadCount = payload.count
    }

    /// Encodes `payload` (array form of the slice initializer).
    public init(_ kind: MessageKind, _ payload: [UInt8]) {
        self.init(kind, payload[...])
    }
}
