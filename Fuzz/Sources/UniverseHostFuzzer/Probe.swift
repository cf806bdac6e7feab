import FuzzSupport
import OrreryServer
import OrreryWire

/// One connection as the driver sees it: a sink that decodes everything the host sends, in the protocol version it
/// joined or resumed with (version 2 with the schema it was sent), and checks, as it arrives, that the connection's
/// frames are numbered without a gap and that nothing comes after the close.
final class Probe: SessionSink {
    private(set) var messages: [ServerMessage] = []
    private(set) var closeCode: UInt16?
    /// The welcome's token, once welcomed.
    private(set) var token: ResumeToken?
    /// The seq the next frame or reset must carry (set by the welcome).
    private(set) var nextSeq: UInt64?
    /// The seq this connection last received a frame or reset with (the welcome's firstSeq - 1 before any).
    var lastSeq: UInt64 { (nextSeq ?? 1) - 1 }
    /// The protocol version of the last join or resume sent before the welcome.
    var version: UInt8 = WireProtocol.version
    /// The game's schema: sent after a version-2 welcome, or kept from the connection a resume continues.
    var schema: SchemaMessage?
    /// Whether the driver told the host this connection ended.
    var disconnected = false
    /// The host's handle.
    var link: ClientLink!

    /// Whether the host still counts the connection.
    var isOpen: Bool { !disconnected && closeCode == nil }

    func send(_ bytes: ArraySlice<UInt8>) {
        fuzzCheck(closeCode == nil, "a message after close \(closeCode ?? 0)")
        let message: ServerMessage
        do throws(WireDecodingError) {
            message = try WireDecoder.decodeServerMessage(bytes, dialect: dialect)
        } catch {
            return fuzzCheck(false, "the host sent an undecodable message: \(error)")
        }
        switch message {
        case .welcome(let welcome):
            fuzzCheck(token == nil, "a second welcome on one connection")
            token = welcome.resumeToken
            nextSeq = welcome.firstSeq
        case .eventFrame(let frame):
            numbered(frame.seq)
        case .reset(let reset):
            numbered(reset.seq)
        case .schema(let sent):
            fuzzCheck(version >= 2 && token != nil, "a schema to a version-\(version) connection or before its welcome")
            schema = sent
        case .error, .pong:
            break
        }
        messages.append(message)
    }

    /// What the connection's messages decode with.
    private var dialect: WireDialect {
        guard version >= 2 else { return .v1 }
        return schema.map { WireDialect(schema: $0) } ?? .v2
    }

    private func numbered(_ seq: UInt64) {
        guard let expected = nextSeq else { return fuzzCheck(false, "a frame before the welcome") }
        fuzzCheck(seq == expected, "frame seq \(seq) where \(expected) was due")
        nextSeq = seq + 1
    }

    func close(code: UInt16, reason: String) {
        fuzzCheck(closeCode == nil, "closed twice (\(closeCode ?? 0), then \(code))")
        fuzzCheck((1000...4999).contains(code), "close code \(code)")
        if code != 1003 && code != 1000 && code != 1001 {
            guard case .error(let error) = messages.last else {
                return fuzzCheck(false, "close \(code) without an error message before it")
            }
            fuzzCheck(error.code == code, "error \(error.code) before close \(code)")
        }
        closeCode = code
    }
}
