/// Why `orrery spectate` could not run or stopped.
enum SpectateError: Error, CustomStringConvertible {
    /// stdin or stdout is not a terminal.
    case notATerminal
    /// The spectator could not join, the server refused it, or told it not to come back.
    case connection(String)

    var description: String {
        switch self {
        case .notATerminal:
            "spectate draws a full-screen view and needs a terminal on stdin and stdout (not a pipe or a file); "
                + "run it in a terminal, or use 'orrery bots' for unattended checks"
        case .connection(let reason): "cannot watch: \(reason)"
        }
    }
}
