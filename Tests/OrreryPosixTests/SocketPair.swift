import OrreryPosix
import Testing

/// A connected loopback pair: a blocking client and the non-blocking accepted server side.
struct SocketPair: ~Copyable {
    var client: TCPSocket
    var server: TCPSocket

    init(host: String = "127.0.0.1", clientReceiveBuffer: Int? = nil) throws {
        let listener = try TCPListener(address: try SocketAddress(host: host, port: 0))
        let address = try listener.localAddress()
        let client = try TCPSocket(familyOf: address)
        if let clientReceiveBuffer { try client.setReceiveBufferSize(clientReceiveBuffer) }
        try client.setBlocking(true)
        try client.setReceiveTimeout(milliseconds: 10_000)
        let status = try client.connect(to: address)
        #expect(status == .connected)
        var accepted: AcceptedSocket? = nil
        while accepted == nil { accepted = try listener.accept() }
        self.client = client
        self.server = accepted.take()!.takeSocket()
    }
}
