/// Why a message could not be encoded. The buffer is left as it was before the failed call.
public enum WireEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A field holds a value the protocol or the schema does not allow (e.g. entity id 0, a 33-byte name, a
    /// string for an int property).
    case valueOutOfRange(field: String)
    /// An event frame or reset already holds the most records its count field allows.
    case tooManyRecords(limit: Int)
    /// The message or event does not exist in the session's protocol version (e.g. a command in version 1).
    case notInVersion(String, version: UInt8)

    public var description: String {
        switch self {
        case .valueOutOfRange(let field): "value out of range in field \(field)"
        case .tooManyRecords(let limit): "too many records (limit \(limit))"
        case .notInVersion(let name, let version): "\(name) does not exist in protocol version \(version)"
        }
    }
}
