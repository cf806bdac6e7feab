import Glibc

/// A failed system call or an unusable argument, with a readable description.
public enum PosixError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `call` failed with `errno`.
    case system(call: String, errno: Errno)
    /// A host or address string that is not a numeric IPv4/IPv6 address (or `localhost`).
    case invalidAddress(String)
    /// A host name the resolver could not look up (`SocketAddress.resolving`), with getaddrinfo's error code
    /// (`EAI_*`; the description gives its text).
    case unresolvable(host: String, code: Int32)

    /// The errno carried by a `.system` error, if any.
    public var errno: Errno? {
        if case .system(_, let code) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(code)"
        case .invalidAddress(let text): "invalid address '\(text)': expected a numeric IPv4 or IPv6 address or localhost"
        case .unresolvable(let host, let code): "cannot resolve host '\(host)': \(String(cString: gai_strerror(code)))"
        }
    }
}
