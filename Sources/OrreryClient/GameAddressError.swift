/// Why a game address is not usable.
public enum GameAddressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not a `ws://host[:port][/path]` URL.
    case invalidURL(String)
    /// The path is not `/universes/NAME`.
    case notAUniverse(String)
    /// The universe name is not 1-32 characters of `a-z`, `0-9`, `_` and `-`.
    case invalidUniverse(String)

    public var description: String {
        switch self {
        case .invalidURL(let text): "'\(text)' is not a ws://HOST:PORT URL"
        case .notAUniverse(let text): "'\(text)' does not name a universe (expected ws://HOST:PORT/universes/NAME)"
        case .invalidUniverse(let name): "'\(name)' is not a universe name (1-32 characters of a-z, 0-9, _ and -)"
        }
    }
}
