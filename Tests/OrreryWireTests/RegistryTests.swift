import OrreryWire
import Testing

@Suite struct RegistryTests {
    private func code(_ text: String?) -> UInt8? {
        guard let text, text.hasPrefix("0x") else { return nil }
        return UInt8(text.dropFirst(2), radix: 16)
    }

    @Test func messageTypesMatchTheRegistryBothWays() throws {
        let rows = try ProtocolFiles.rows("messages.tsv").filter { $0["direction"] != "event" }
        let registry = Set(rows.map {
            "\(code($0["code"]) ?? 0) \($0["direction"] ?? "") \($0["name"] ?? "") \($0["since"] ?? "")"
        })
        let codec = Set(MessageType.allCases.map { type in
            "\(type.rawValue) \(type.isClientToServer ? "client-to-server" : "server-to-client") \(type.name)"
                + " \(type.sinceVersion)"
        })
        #expect(rows.count == registry.count)
        #expect(registry == codec)
    }

    @Test func eventTagsMatchTheRegistryBothWays() throws {
        let rows = try ProtocolFiles.rows("messages.tsv").filter { $0["direction"] == "event" }
        let registry = Set(rows.map { "\(code($0["code"]) ?? 0) \($0["name"] ?? "") \($0["since"] ?? "")" })
        let codec = Set(EventTag.allCases.map { "\($0.rawValue) \($0.name) \($0.sinceVersion)" })
        #expect(rows.count == registry.count)
        #expect(registry == codec)
    }

    @Test func closeCodesMatchTheRegistryBothWays() throws {
        let rows = try ProtocolFiles.rows("close-codes.tsv")
        let registry = Set(rows.map { "\($0["code"] ?? "") \($0["name"] ?? "")" })
        let codec = Set(CloseCode.allCases.map { "\($0.rawValue) \($0.name)" })
        #expect(rows.count == registry.count)
        #expect(registry == codec)
        #expect(CloseCode.allCases.allSatisfy { (4000...4999).contains($0.rawValue) })
    }

    @Test(arguments: [WireDialect.v1, .v2])
    func everyUndefinedTypeByteIsRejectedOnBothSides(_ dialect: WireDialect) {
        let types = MessageType.allCases.filter { $0.sinceVersion <= dialect.version }
        let clientTypes = Set(types.filter(\.isClientToServer).map(\.rawValue))
        let serverTypes = Set(types.filter { !$0.isClientToServer }.map(\.rawValue))
        for byte in UInt8.min...UInt8.max {
            if !clientTypes.contains(byte) {
                #expect(throws: WireDecodingError.unknownMessageType(byte)) {
                    _ = try WireDecoder.decodeClientMessage([byte], dialect: dialect)
                }
            }
            if !serverTypes.contains(byte) {
                #expect(throws: WireDecodingError.unknownMessageType(byte)) {
                    _ = try WireDecoder.decodeServerMessage([byte], dialect: dialect)
                }
            }
        }
    }
}
