import OrreryPosix

/// A listener started by `EventLoopGroup.listen`; usable from any thread.
public struct GroupListener: Sendable {
    /// The bound address, including the chosen port.
    public let address: SocketAddress
    /// The loop that accepts.
    public let loop: EventLoop

    /// The bound port.
    public var port: Int { address.port }

    /// Stops accepting (asynchronously, on the accepting loop).
    public func close() {
        let address = address
        let loop = loop
        loop.execute { loop.closeListener(boundTo: address) }
    }
}
