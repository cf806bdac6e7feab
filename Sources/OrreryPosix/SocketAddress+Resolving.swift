import CLinux
import Glibc

extension SocketAddress {
    /// Looks `host` up (getaddrinfo: numeric text, `/etc/hosts`, then DNS) and returns its first address with
    /// `port`, IPv4 before IPv6. It blocks for as long as the lookup takes, so call it while setting up (a command
    /// line, a configuration), never on an event loop. Throws `.unresolvable` with the resolver's reason.
    public static func resolving(host: String, port: Int) throws(PosixError) -> SocketAddress {
        guard (0...65535).contains(port) else { throw .invalidAddress("\(host):\(port)") }
        var hints = addrinfo()
        hints.ai_socktype = CLINUX_SOCK_STREAM
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let list else {
            throw .unresolvable(host: host, code: status)
        }
        defer { freeaddrinfo(list) }
        let networkPort = UInt16(port).bigEndian
        var found: [SocketAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            if let raw = current.pointee.ai_addr {
                switch current.pointee.ai_family {
                case AF_INET:
                    let v4 = UnsafeRawPointer(raw).loadUnaligned(as: sockaddr_in.self)
                    found.append(SocketAddress(.ipv4(address: v4.sin_addr.s_addr, port: networkPort)))
                case AF_INET6:
                    var v6 = UnsafeRawPointer(raw).loadUnaligned(as: sockaddr_in6.self)
                    let bytes = withUnsafeBytes(of: &v6.sin6_addr) { [UInt8]($0) }
                    found.append(SocketAddress(.ipv6(address: bytes, port: networkPort, scope: v6.sin6_scope_id)))
                default:
                    break
                }
            }
            entry = current.pointee.ai_next
        }
        guard let first = found.first(where: { !$0.isIPv6 }) ?? found.first else {
            throw .unresolvable(host: host, code: EAI_NONAME)
        }
        return first
    }
}
