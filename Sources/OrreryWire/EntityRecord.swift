/// The full state of one entity: the payload of an appeared event and of each reset record.
public struct EntityRecord: Hashable, Sendable {
    /// Entity id, never 0.
    public var id: UInt32
    /// 1 = player ship, 2 = NPC ship, 3 = asteroid, 4 = projectile; others are game-defined.
    public var kind: UInt8
    /// Position in subunits (256 per metre).
    public var x: Int32
    public var y: Int32
    /// Velocity in subunits per tick.
    public var vx: Int32
    public var vy: Int32
    /// Facing (65536 = one turn, 0 = +x, counter-clockwise).
    public var heading: UInt16
    /// Radius in subunits, 0 or more.
    public var radius: Int32
    /// Owning player id, 0 = none.
    public var owner: UInt32
    /// Version 2: every entity property whose value is not the default, by ascending index (empty in version 1).
    public var properties: [WireProperty]

    public init(id: UInt32, kind: UInt8, x: Int32, y: Int32, vx: Int32, vy: Int32, heading: UInt16,
                radius: Int32, owner: UInt32, properties: [WireProperty] = []) {
        self.properties = properties
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
}
