import CLinux
import Glibc

/// A pseudo-terminal pair: the controller side a test or tool reads a program's output from, and the
/// terminal side the program sees as its terminal. Both descriptors are owned and close-on-exec.
public struct PseudoTerminal: ~Copyable {
    /// The controlling (master) side.
    public let controller: FileDescriptor
    /// The terminal (slave) side, a real terminal for `isatty`, `tcgetattr` and `Terminal`.
    public let terminal: FileDescriptor

    /// Opens a new pair (posix_openpt, grantpt, unlockpt, then the terminal side by name).
    public init() throws(PosixError) {
        let raw = try Syscall.require("posix_openpt") { Int(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) }
        let controller = FileDescriptor(adopting: Int32(raw))
        _ = try Syscall.require("grantpt") { Int(grantpt(controller.rawValue)) }
        _ = try Syscall.require("unlockpt") { Int(unlockpt(controller.rawValue)) }
        var name = [CChar](repeating: 0, count: 128)
        let failed = ptsname_r(controller.rawValue, &name, name.count)
        if failed != 0 { throw .system(call: "ptsname_r", errno: Errno(rawValue: failed)) }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let terminal = try Syscall.require("open(pts)") { Int(Glibc.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)) }
        self.controller = controller
        self.terminal = FileDescriptor(adopting: Int32(terminal))
    }

    /// Sets the window size the terminal side reports (TIOCSWINSZ), as a terminal emulator does on resize.
    public borrowing func setSize(_ size: TerminalSize) throws(PosixError) {
        var window = winsize()
        window.ws_col = UInt16(clamping: size.columns)
        window.ws_row = UInt16(clamping: size.rows)
        let raw = controller.rawValue
        _ = try Syscall.require("ioctl(TIOCSWINSZ)") { Int(ioctl(raw, UInt(TIOCSWINSZ), &window)) }
    }
}
