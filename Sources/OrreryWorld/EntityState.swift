/// The full state of one entity, as carried by an `appeared` event and returned by truth queries.
///
/// Units follow GAME_MODEL.md: positions and radius in subunits (256 per metre), velocity in subunits per tick,
/// heading in 1/65536 of a turn counter-clockwise from +x.
public struct EntityState: Equatable, Hashable, Sendable {
    /// Entity id: never 0, never reused within one universe.
    public var id: UInt32
    /// Kind of object, a code of the game's (`GameSchema.kinds` says how clients draw it).
    public var kind: UInt8
    /// Position x in subunits.
    public var x: Int32
    /// Position y in subunits.
    public var y: Int32
    /// Velocity x in subunits per tick.
    public var vx: Int32
    /// Velocity y in subunits per tick.
    public var vy: Int32
    /// Facing direction, 65536 = one turn.
    public var heading: UInt16
    /// Collision and drawing radius in subunits.
    public var radius: Int32
    /// Owning player id, 0 = none.
    public var owner: UInt32

    /// Creates a state from all its fields.
    public init(id: UInt32, kind: UInt8, x: Int32, y: Int32, vx: Int32, vy: Int32, heading: UInt16,
                radius: Int32, owner: UInt32) {
        self.id = id
        self.kind = kind
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.heading = heading
        self.radius = radius
        self.owner = owner
    }

    /// The motion part of this state (what a `changed` event carries).
    public var motion: MotionState {
        MotionState(id: id, x: x, y: y, vx: vx, vy: vy, heading: heading)
    }
}
