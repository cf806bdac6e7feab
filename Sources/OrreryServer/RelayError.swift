import OrreryJournal
import OrreryPosix
import OrreryWorld

/// Why a `RelayServer` could not start.
public enum RelayError: Error, CustomStringConvertible {
    /// A configured universe name is not 1-32 characters from a-z, 0-9, _ and -.
    case invalidUniverseName(String)
    /// A universe name is listed twice.
    case duplicateUniverse(String)
    /// The world settings are invalid.
    case invalidWorld(UniverseConfigError)
    /// Starting the loops or listening failed.
    case listen(PosixError)
    /// The journal of a universe could not be read back (`--journal`): the server does not start rather than
    /// lose it; the error names the file, offset and record.
    case journal(universe: String, JournalError)

    public var description: String {
        switch self {
        case .invalidUniverseName(let name): "invalid universe name '\(name)' (1-32 characters from a-z, 0-9, _ and -)"
        case .duplicateUniverse(let name): "universe '\(name)' is listed twice"
        case .invalidWorld(let error): "invalid world settings: \(error)"
        case .listen(let error): "cannot listen: \(error)"
        case .journal(let universe, let error): "cannot restore universe '\(universe)' from its journal: \(error)"
        }
    }
}
