/// The entity kinds of the default arena game.
public enum ArenaKind {
    /// A ship steered by a player.
    public static let playerShip: UInt8 = 1
    /// A roaming ship steered by the rules.
    public static let npcShip: UInt8 = 2
    /// A drifting rock.
    public static let asteroid: UInt8 = 3
    /// A shot fired by a player ship.
    public static let projectile: UInt8 = 4
}
