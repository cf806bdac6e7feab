/// Why saved state could not be read back. Offsets count bytes from the start of the state being read.
public enum StateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The state ends `needed` bytes too early for the value at `offset`.
    case truncated(offset: Int, needed: Int)
    /// The value at `offset` is not one that could have been written (`what` says which).
    case invalid(String, offset: Int)
    /// Bytes are left over after the whole state was read.
    case trailingBytes(offset: Int, count: Int)
    /// The snapshot does not belong to these rules or this schema (`what` says how it differs).
    case mismatch(String)

    public var description: String {
        switch self {
        case .truncated(let offset, let needed): "state truncated at byte \(offset): \(needed) more bytes needed"
        case .invalid(let what, let offset): "invalid state at byte \(offset): \(what)"
        case .trailingBytes(let offset, let count): "\(count) unexpected bytes after the state at byte \(offset)"
        case .mismatch(let what): "state does not match: \(what)"
        }
    }
}
