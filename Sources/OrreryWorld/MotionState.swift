/// The motion state of one entity (id, position, velocity, heading), as carried by a `changed` event.
public struct MotionState: Equatable, Hashable, Sendable {
    /// Entity id.
    public var id: UInt32
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

    /// Creates a motion state from all its fields.
    public init(id: UInt32, x: Int32, y: Int32, vx: Int32, vy: Int32, heading: UInt16) {
        self.id = id
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.heading = heading
    }
}
