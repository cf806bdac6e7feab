import CLinux
import Glibc

/// A numeric IPv4 or IPv6 socket address.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    enum Storage: Hashable, Sendable {
        case ipv4(address: UInt32, port: UInt16)            // both in network byte order
        case ipv6(address: [UInt8], port: UInt16, scope: UInt32)
    }

    let storage: Storage

    init(_ storage: Storage) { self.storage = storage }

    /// Parses a numeric host (`127.0.0.1`, `::1`, `0.0.0.0`, `::`) or `localhost` (meaning 127.0.0.1).
    public init(host: String, port: Int) throws(PosixError) {
        guard (0...65535).contains(port) else { throw .invalidAddress("\(host):\(port)") }
        let text = host == "localhost" ? "127.0.0.1" : host
        let networkPort = UInt16(port).bigEndian
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            storage = .ipv4(address: v4.s_addr, port: networkPort)
            return
        }
        var v6 = [UInt8](repeating: 0, count: 16)
        let parsed = v6.withUnsafeMutableBytes { inet_pton(AF_INET6, text, $0.baseAddress) }
        guard parsed == 1 else { throw .invalidAddress(host) }
        storage = .ipv6(address: v6, port: networkPort, scope: 0)
    }

    /// The port number in host byte order.
    public var port: Int {
        switch storage {
        case .ipv4(_, let port), .ipv6(_, let port, _): Int(UInt16(bigEndian: port))
        }
    }

    /// Whether this is an IPv6 address.
    public var isIPv6: Bool {
        if case .ipv6 = storage { return true }
        return false
    }

    /// The numeric host text, e.g. `127.0.0.1` or `::1`.
    public var host: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch storage {
        case .ipv4(let address, _):
            var v4 = in_addr(s_addr: address)
            _ = inet_ntop(AF_INET, &v4, &text, socklen_t(text.count))
        case .ipv6(let address, _, _):
            _ = address.withUnsafeBytes { inet_ntop(AF_INET6, $0.baseAddress, &text, socklen_t(text.count)) }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `host:port`, with IPv6 hosts in brackets.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    var family: Int32 { isIPv6 ? AF_INET6 : AF_INET }

    /// Calls `body` with a C sockaddr pointer and its length.
    func withSocketAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch storage {
        case .ipv4(let address, let port):
            var raw = sockaddr_in()
            raw.sin_family = sa_family_t(AF_INET)
            raw.sin_port = port
            raw.sin_addr = in_addr(s_addr: address)
            return withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .ipv6(let address, let port, let scope):
            var raw = sockaddr_in6()
            raw.sin6_family = sa_family_t(AF_INET6)
            raw.sin6_port = port
            raw.sin6_scope_id = scope
            withUnsafeMutableBytes(of: &raw.sin6_addr) { $0.copyBytes(from: address) }
            return withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    /// Runs a call that fills in an address (accept, getsockname, getpeername) and decodes it.
    static func fromKernel<T>(
        _ fill: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) throws(PosixError) -> T
    ) throws(PosixError) -> (T, SocketAddress?) {
        var raw = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result: Result<T, PosixError> = withUnsafeMutablePointer(to: &raw) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                do throws(PosixError) { return .success(try fill(address, &length)) } catch { return .failure(error) }
            }
        }
        return (try result.get(), SocketAddress(raw))
    }

    /// The address the socket `raw` is bound to (getsockname), including a port the kernel chose.
    static func local(of raw: Int32) throws(PosixError) -> SocketAddress {
        let (_, address) = try fromKernel { (address, length) throws(PosixError) in
            try Syscall.require("getsockname") { Int(getsockname(raw, address, length)) }
        }
        guard let address else { throw .system(call: "getsockname", errno: .invalidArgument) }
        return address
    }

    private init?(_ raw: sockaddr_storage) {
        var copy = raw
        switch Int32(raw.ss_family) {
        case AF_INET:
            let v4 = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in.self) }
            storage = .ipv4(address: v4.sin_addr.s_addr, port: v4.sin_port)
        case AF_INET6:
            var v6 = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in6.self) }
            let address = withUnsafeBytes(of: &v6.sin6_addr) { [UInt8]($0) }
            storage = .ipv6(address: address, port: v6.sin6_port, scope: v6.sin6_scope_id)
        default:
            return nil
        }
    }
}
