import Foundation
import OrreryPosix

/// Shows a command's progress: on a terminal one line redrawn in place twice a second; otherwise a plain line
/// every 5 s. Used from one thread.
final class ProgressWriter {
    private let descriptor: Int32
    private let isTerminal: Bool
    private var lastShown: Date?
    private var drawn = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
        isTerminal = Terminal.isTerminal(descriptor)
    }

    /// How often the caller should look at the clock.
    var interval: TimeInterval { 0.5 }

    /// Whether a line is due now.
    var isDue: Bool {
        guard let lastShown else { return true }
        return Date().timeIntervalSince(lastShown) >= (isTerminal ? 0.5 : 5) - 0.01
    }

    /// Shows `line` (replacing the previous one on a terminal).
    func show(_ line: String) {
        lastShown = Date()
        if isTerminal {
            write("\r\u{1B}[K" + line)
            drawn = true
        } else {
            write(line + "\n")
        }
    }

    /// Ends the progress display (clears the live line on a terminal).
    func finish() {
        if isTerminal, drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    private func write(_ text: String) {
        let handle = descriptor == STDERR_FILENO ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }
}
