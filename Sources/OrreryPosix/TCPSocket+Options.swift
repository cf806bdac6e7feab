import CLinux
import Glibc

extension TCPSocket {
    /// Disables (or re-enables) Nagle's algorithm.
    public borrowing func setNoDelay(_ enabled: Bool = true) throws(PosixError) {
        try SocketOption.set(rawValue, level: CLINUX_IPPROTO_TCP, name: TCP_NODELAY, value: enabled ? 1 : 0, call: "setsockopt(TCP_NODELAY)")
    }

    /// Sets SO_SNDBUF (the kernel doubles the value and enforces a minimum).
    public borrowing func setSendBufferSize(_ bytes: Int) throws(PosixError) {
        try SocketOption.set(rawValue, level: SOL_SOCKET, name: SO_SNDBUF, value: Int32(bytes), call: "setsockopt(SO_SNDBUF)")
    }

    /// Sets SO_RCVBUF (the kernel doubles the value and enforces a minimum).
    public borrowing func setReceiveBufferSize(_ bytes: Int) throws(PosixError) {
        try SocketOption.set(rawValue, level: SOL_SOCKET, name: SO_RCVBUF, value: Int32(bytes), call: "setsockopt(SO_RCVBUF)")
    }

    /// Makes `close` reset the connection (RST) instead of a graceful FIN (SO_LINGER with zero timeout).
    public borrowing func setResetOnClose() throws(PosixError) {
        var value = linger(l_onoff: 1, l_linger: 0)
        let raw = rawValue
        _ = try Syscall.require("setsockopt(SO_LINGER)") {
            Int(setsockopt(raw, SOL_SOCKET, SO_LINGER, &value, socklen_t(MemoryLayout<linger>.size)))
        }
    }

    /// The pending socket error (SO_ERROR), cleared by reading; nil if none. Use after a non-blocking connect.
    public borrowing func pendingError() throws(PosixError) -> Errno? {
        let code = try SocketOption.get(rawValue, level: SOL_SOCKET, name: SO_ERROR, call: "getsockopt(SO_ERROR)")
        return code == 0 ? nil : Errno(rawValue: code)
    }

    /// Switches between blocking and non-blocking mode (sockets start non-blocking).
    public borrowing func setBlocking(_ blocking: Bool) throws(PosixError) {
        let raw = rawValue
        let flags = try Syscall.require("fcntl(F_GETFL)") { Int(fcntl(raw, F_GETFL)) }
        let updated = blocking ? Int32(flags) & ~O_NONBLOCK : Int32(flags) | O_NONBLOCK
        _ = try Syscall.require("fcntl(F_SETFL)") { Int(fcntl(raw, F_SETFL, updated)) }
    }

    /// In blocking mode, makes reads give up (as `.wouldBlock`) after `milliseconds` (SO_RCVTIMEO).
    public borrowing func setReceiveTimeout(milliseconds: Int) throws(PosixError) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        let raw = rawValue
        _ = try Syscall.require("setsockopt(SO_RCVTIMEO)") {
            Int(setsockopt(raw, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size)))
        }
    }
}

/// Integer socket options.
enum SocketOption {
    static func set(_ descriptor: Int32, level: Int32, name: Int32, value: Int32, call: StaticString) throws(PosixError) {
        var option = value
        _ = try Syscall.require(call) {
            Int(setsockopt(descriptor, level, name, &option, socklen_t(MemoryLayout<Int32>.size)))
        }
    }

    static func get(_ descriptor: Int32, level: Int32, name: Int32, call: StaticString) throws(PosixError) -> Int32 {
        var option: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try Syscall.require(call) { Int(getsockopt(descriptor, level, name, &option, &length)) }
        return option
    }
}
