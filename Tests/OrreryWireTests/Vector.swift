import OrreryWire
import Testing

/// One row of Protocol/vectors/vectors.tsv or invalid.tsv.
struct Vector: CustomTestStringConvertible {
    let name: String
    let fromClient: Bool
    let bytes: [UInt8]
    /// Canonical text (valid vectors) or error kind (invalid vectors).
    let expectation: String

    var testDescription: String { name }

    static func load(_ file: String, expectationColumn: String) throws -> [Vector] {
        try ProtocolFiles.rows("vectors/" + file).map { row in
            guard let name = row["name"], let direction = row["direction"], let hex = row["hex"],
                  let bytes = ProtocolFiles.bytes(hex: hex), let expectation = row[expectationColumn],
                  direction == "client" || direction == "server" else {
                throw VectorFileError.malformedRow(row.description)
            }
            return Vector(name: name, fromClient: direction == "client", bytes: bytes, expectation: expectation)
        }
    }

    static func valid() throws -> [Vector] { try load("vectors.tsv", expectationColumn: "text") }
    static func invalid() throws -> [Vector] { try load("invalid.tsv", expectationColumn: "error") }

    /// Decodes with the decoder for this vector's direction and renders the canonical text.
    static func decodeText(_ bytes: ArraySlice<UInt8>, fromClient: Bool) throws(WireDecodingError) -> String {
        fromClient ? try WireDecoder.decodeClientMessage(bytes).description
            : try WireDecoder.decodeServerMessage(bytes).description
    }
}
