import OrreryWorld

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

    /// How generic clients draw the four kinds: ships as triangles along their heading (players green `▲`, NPCs
    /// red `n`), grey asteroids `O`, yellow projectiles `·`.
    public static let styles: [EntityKindStyle] = [
        EntityKindStyle(code: playerShip, name: "ship", shape: .triangle, color: 0x4CAF50, glyph: "▲"),
        EntityKindStyle(code: npcShip, name: "npc", shape: .triangle, color: 0xE53935, glyph: "n"),
        EntityKindStyle(code: asteroid, name: "asteroid", shape: .circle, color: 0x9E9E9E, glyph: "O"),
        EntityKindStyle(code: projectile, name: "projectile", shape: .circle, color: 0xFFEB3B, glyph: "·"),
    ]
}
