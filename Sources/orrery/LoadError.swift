/// Why `orrery load` could not measure.
enum LoadError: Error, CustomStringConvertible {
    /// The spawned `orrery serve` did not print its `listening ws://HOST:PORT/` line.
    case serverDidNotStart(output: String)

    var description: String {
        switch self {
        case .serverDidNotStart(let output):
            "the spawned 'orrery serve' did not report its port (it printed '\(output)'); "
                + "run 'orrery serve --port 0' to see why, or measure a running server with --port"
        }
    }
}
