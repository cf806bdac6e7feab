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

    public var description: String {
        switch self {
        case .invalidUniverseName(let name): "invalid universe name '\(name)' (1-32 characters from a-z, 0-9, _ and -)"
        case .duplicateUniverse(let name): "universe '\(name)' is listed twice"
        case .invalidWorld(let error): "invalid world settings: \(error)"
        case .listen(let error): "cannot listen: \(error)"
        }
    }
}
