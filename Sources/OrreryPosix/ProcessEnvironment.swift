import Glibc

/// Reads the process environment.
public enum ProcessEnvironment {
    /// The value of the environment variable `name`, or nil if it is not set.
    public static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }
}
