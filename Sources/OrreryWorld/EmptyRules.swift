/// Rules that do nothing: an empty world with the default schema, where players join without an avatar.
/// The relay's default until a game hands it its own rules.
public struct EmptyRules: GameRules {
    /// Creates the rules.
    public init() {}
}

/// Makes the rules of a universe from its name and configuration, so one relay can host several games.
/// Called once per universe when it is created (at start-up or on demand).
public typealias GameRulesFactory = @Sendable (_ universe: String, _ config: UniverseConfig) -> any GameRules
