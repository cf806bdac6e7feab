import Glibc
import Synchronization

/// Takes over an interactive terminal for a full-screen program: raw input (no echo, no line buffering,
/// no signals from Ctrl-C), the alternate screen and a hidden cursor. `restore()` (or the last reference
/// going away, e.g. when an error unwinds the program) puts back the original mode, cursor and screen,
/// exactly once.
///
/// The descriptors are borrowed (typically 0 and 1), never closed. `write` may be called from one thread
/// while another blocks in `read`.
public final class Terminal: Sendable {
    /// The descriptor keys are read from.
    public let input: Int32
    /// The descriptor frames are written to.
    public let output: Int32
    private let saved: termios
    private let restored = Atomic<Bool>(false)

    /// Switches to the alternate screen and hides the cursor.
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J"
    /// Resets attributes, shows the cursor and leaves the alternate screen.
    static let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// Saves `input`'s mode, switches it to raw mode and enters the alternate screen on `output`.
    /// Throws (changing nothing) when `input` is not a terminal.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws(PosixError) {
        var original = termios()
        _ = try Syscall.require("tcgetattr") { Int(tcgetattr(input, &original)) }
        var raw = original
        cfmakeraw(&raw) // also VMIN 1, VTIME 0: a read returns as soon as one byte is there
        _ = try Syscall.require("tcsetattr") { Int(tcsetattr(input, TCSAFLUSH, &raw)) }
        self.input = input
        self.output = output
        self.saved = original
        do {
            try Self.writeAll(output, Self.enterSequence)
        } catch {
            _ = tcsetattr(input, TCSANOW, &original)
            throw error
        }
    }

    deinit { try? restore() }

    /// Whether `descriptor` refers to a terminal.
    public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// The size of the terminal `descriptor` refers to (TIOCGWINSZ).
    public static func size(of descriptor: Int32) throws(PosixError) -> TerminalSize {
        var size = winsize()
        _ = try Syscall.require("ioctl(TIOCGWINSZ)") { Int(ioctl(descriptor, UInt(TIOCGWINSZ), &size)) }
        // A pty nobody sized (e.g. under `script`) reports 0 x 0: no size, so callers use their default.
        guard size.ws_col > 0, size.ws_row > 0 else { throw .system(call: "ioctl(TIOCGWINSZ)", errno: .invalidArgument) }
        return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }

    /// The current size of the output terminal; call again after SIGWINCH (`Signals.windowChange`).
    public func size() throws(PosixError) -> TerminalSize { try Self.size(of: output) }

    /// Writes `text` completely (one write call unless the kernel accepts only part of it).
    public func write(_ text: String) throws(PosixError) { try Self.writeAll(output, text) }

    /// Blocks until input arrives, then reads up to `buffer.count` bytes into it; 0 means end of input.
    public func read(into buffer: inout [UInt8]) throws(PosixError) -> Int {
        let descriptor = input
        return try Syscall.require("read") {
            buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        }
    }

    /// Leaves the alternate screen, shows the cursor and restores the saved mode. Later calls do nothing.
    public func restore() throws(PosixError) {
        guard !restored.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var original = saved
        let written: Result<Void, PosixError> = Result { () throws(PosixError) in
            try Self.writeAll(output, Self.leaveSequence)
        }
        _ = try Syscall.require("tcsetattr") { Int(tcsetattr(input, TCSADRAIN, &original)) }
        try written.get()
    }

    private static func writeAll(_ descriptor: Int32, _ text: String) throws(PosixError) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let start = offset
            offset += try Syscall.require("write") {
                bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + start, $0.count - start) }
            }
        }
    }
}
