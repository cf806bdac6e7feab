import OrreryPosix

extension GameAddress {
    /// The numeric form of `host` for a client to connect to (clients take numeric addresses only): the host
    /// itself when it is numeric or `localhost`, else its first address from the resolver (`/etc/hosts`, DNS),
    /// IPv6 in brackets as in a URL. Blocks for the lookup: call it while setting up, never on an event loop.
    public static func numericHost(_ host: String, port: Int) throws(PosixError) -> String {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if (try? SocketAddress(host: bare, port: port)) != nil { return host }
        let address = try SocketAddress.resolving(host: bare, port: port)
        return address.isIPv6 ? "[\(address.host)]" : address.host
    }
}
