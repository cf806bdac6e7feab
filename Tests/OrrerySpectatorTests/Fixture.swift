import OrreryClient
import OrreryPosix
import OrreryWire
import OrrerySpectator

/// A small hand-built universe: an 8000 × 4000 subunit world on a 20 × 11 terminal (20 × 10 map), where
/// the fit view has 400 subunits per column and 800 per row, centred on (4000, 2000).
enum Fixture {
    static let size = TerminalSize(columns: 20, rows: 11)
    static let mapSize = TerminalSize(columns: 20, rows: 10)

    static func welcome(tick: UInt64 = 10, worldWidth: Int32 = 8000, worldHeight: Int32 = 4000) -> Welcome {
        Welcome(playerId: 0, avatarId: 0, tickRateHz: 20, currentTick: tick, worldWidth: worldWidth,
                worldHeight: worldHeight, viewRadius: 0, viewHysteresis: 0, keepAliveTicks: 20,
                resumeToken: ResumeToken(low: 1, high: 2), firstSeq: 1)
    }

    static let ship = EntityRecord(id: 5, kind: 1, x: 4000, y: 2000, vx: 800, vy: 0, heading: 0, radius: 512, owner: 1)
    static let rock = EntityRecord(id: 6, kind: 3, x: 1000, y: 1000, vx: 0, vy: 0, heading: 0, radius: 2000, owner: 0)
    static let pebble = EntityRecord(id: 7, kind: 3, x: 3000, y: 3500, vx: 0, vy: 0, heading: 0, radius: 800, owner: 0)
    static let shot = EntityRecord(id: 8, kind: 4, x: 6000, y: 3000, vx: 0, vy: 0, heading: 0, radius: 64, owner: 1)
    static let npc = EntityRecord(id: 9, kind: 2, x: 200, y: 3900, vx: 0, vy: 0, heading: 0, radius: 512, owner: 0)
    static let strange = EntityRecord(id: 10, kind: 9, x: 7000, y: 500, vx: 0, vy: 0, heading: 0, radius: 1, owner: 0)
    static let entities = [ship, rock, pebble, shot, npc, strange]

    /// A replica at tick 10 holding `entities` (via welcome and a reset).
    static func replica(_ entities: [EntityRecord] = entities) throws -> Replica {
        var replica = Replica()
        replica.begin(welcome())
        try replica.apply(ResetFrame(seq: 1, tick: 10, lastInputSeq: 0, avatarId: 0, entities: entities))
        return replica
    }

    /// The map rows of `screen` (everything but the status line).
    static func map(_ screen: Screen) -> String {
        (0..<screen.size.rows - 1).map(screen.line).joined(separator: "\n")
    }
}
