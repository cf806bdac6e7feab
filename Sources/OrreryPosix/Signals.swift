import Glibc

/// Process-wide signal dispositions.
public enum Signals {
    /// Ignores SIGPIPE so a write to a closed socket fails with EPIPE instead of killing the process.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// SIGINT (Ctrl-C).
    public static let interrupt = SIGINT
    /// SIGTERM (polite termination request).
    public static let terminate = SIGTERM
    /// SIGUSR1 (user-defined).
    public static let user1 = SIGUSR1
    /// SIGWINCH (the terminal's window size changed).
    public static let windowChange = SIGWINCH
}
