/// The full motion state of one entity after a velocity/heading change or a jump: the changed event's payload.
public struct EntityMotion: Hashable, Sendable {
    /// Entity id, never 0.
    public var id: UInt32
    public var x: Int32
    public var y: Int32
    public var vx: Int32
    public var vy: Int32
    public var heading: UInt16

    public init(id: UInt32, x: Int32, y: Int32, vx: Int32, vy: Int32, heading: UInt16) {
        self.id = id
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.heading = heading
    }
}
