/// A dead-reckoned position for drawing, in subunits (256 per metre).
public struct RenderPosition: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
