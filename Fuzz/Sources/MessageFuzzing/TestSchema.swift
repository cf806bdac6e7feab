import Foundation
import FuzzSupport
import OrreryWire

/// The schema version-2 server→client vectors decode with: the message of the vector `v2-schema-test` in
/// `Protocol/vectors/vectors.tsv`, read from this checkout once, so the harness and the vectors never disagree.
enum TestSchema {
    static let message: SchemaMessage = {
        let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Protocol/vectors/vectors.tsv").standardized
        guard let table = try? String(contentsOf: vectors, encoding: .utf8),
              let row = table.split(separator: "\n").first(where: { $0.hasPrefix("v2-schema-test\t") }) else {
            fatalError("no vector v2-schema-test in \(vectors.path)")
        }
        let hex = Array(row.split(separator: "\t", omittingEmptySubsequences: false)[3].utf8)
        let bytes = stride(from: 0, to: hex.count - 1, by: 2).map { UInt8(String(decoding: hex[$0...$0 + 1], as: UTF8.self), radix: 16)! }
        guard case .schema(let schema)? = try? WireDecoder.decodeServerMessage(bytes, dialect: .v2) else {
            fatalError("the vector v2-schema-test does not decode as a schema")
        }
        return schema
    }()
}
