/// Why a message could not be encoded. The buffer is left as it was before the failed call.
public enum WireEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A field holds a value the protocol does not allow (e.g. entity id 0, a 33-byte name).
    case valueOutOfRange(field: String)
    /// An event frame or reset already holds the most records its count field allows.
    case tooManyRecords(limit: Int)

    public var description: String {
        switch self {
        case .valueOutOfRange(let field): "value out of range in field \(field)"
        case .tooManyRecords(let limit): "too many records (limit \(limit))"
        }
    }
}
