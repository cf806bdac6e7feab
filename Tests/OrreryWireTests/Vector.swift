import OrreryWire
import Testing

/// One row of Protocol/vectors/vectors.tsv or invalid.tsv.
struct Vector: CustomTestStringConvertible {
    let name: String
    let fromClient: Bool
    /// The protocol version the row is decoded in.
    let version: UInt8
    let bytes: [UInt8]
    /// Canonical text (valid vectors) or error kind (invalid vectors).
    let expectation: String

    var testDescription: String { name }

    static func load(_ file: String, expectationColumn: String) throws -> [Vector] {
        try ProtocolFiles.rows("vectors/" + file).map { row in
            guard let name = row["name"], let direction = row["direction"], let hex = row["hex"],
                  let bytes = ProtocolFiles.bytes(hex: hex), let expectation = row[expectationColumn],
                  let version = row["version"].flatMap({ UInt8($0) }), WireProtocol.supportedVersions.contains(version),
                  direction == "client" || direction == "server" else {
                throw VectorFileError.malformedRow(row.description)
            }
            return Vector(name: name, fromClient: direction == "client", version: version, bytes: bytes,
                          expectation: expectation)
        }
    }

    static func valid() throws -> [Vector] { try load("vectors.tsv", expectationColumn: "text") }
    static func invalid() throws -> [Vector] { try load("invalid.tsv", expectationColumn: "error") }

    /// The schema of the vector row `name` (a schema message, decoded without one).
    static func schema(named name: String) throws -> SchemaMessage {
        guard let row = try valid().first(where: { $0.name == name }),
              case .schema(let schema) = try WireDecoder.decodeServerMessage(row.bytes, dialect: .v2) else {
            throw VectorFileError.malformedRow("no vector " + name)
        }
        return schema
    }

    /// The row whose schema a version-2 server→client vector is decoded with: `v2-schema-bare` (no entity
    /// properties) for the rows named `v2-bare-...`, `v2-schema-test` for the others.
    var schemaRow: String { name.hasPrefix("v2-bare-") ? "v2-schema-bare" : "v2-schema-test" }

    /// The dialect this vector decodes in: version 1; version 2 with its schema (`schemaRow`) for server messages;
    /// version 2 without a schema (the protocol's limits) for client messages.
    var dialect: WireDialect {
        get throws {
            guard version >= 2 else { return .v1 }
            return fromClient ? .v2 : WireDialect(schema: try Self.schema(named: schemaRow))
        }
    }

    /// Decodes with the decoder for this vector's direction and version and renders the canonical text.
    func decodeText(_ bytes: ArraySlice<UInt8>) throws -> String {
        let dialect = try dialect
        return fromClient ? try WireDecoder.decodeClientMessage(bytes, dialect: dialect).description
            : try WireDecoder.decodeServerMessage(bytes, dialect: dialect).canonicalText(version: version)
    }
}
